using System.Globalization;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Steps.Read;
using Express.Site.Templates;
using Scriban.Runtime;

namespace Express.Site.Steps.Prepare;

/// <summary>Builds the <c>page</c> object of every page and the <c>site</c> object with its page lists.</summary>
public sealed class BuildTemplateModel : IBuildStep
{
    private IReadOnlyDictionary<string, PageListStamp> _lastStamps = new Dictionary<string, PageListStamp>();
    private readonly StepMemo<Page, PagePart> _pageObjects = new();

    public string Name => "model";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings, SitePart.Meta, SitePart.Urls, SitePart.Assets };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Model };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var config = site.SiteConfig;
        var settings = site.RequireSettings();
        var baseUrl = settings.BaseUrl;
        // A page object is made of the page and the base URL only: an unchanged page keeps its object.
        var made = context.Map(site.Pages, _pageObjects, baseUrl, p => new PagePart(p, PageObject(p, baseUrl), FrontMatterText(p)));
        var pageObjects = made.ToDictionary(m => m.Page.Source.Path, m => m.Object);
        var frontMatter = new Dictionary<Page, string>(made.Select(m => KeyValuePair.Create(m.Page, m.FrontMatter)), ReferenceEqualityComparer.Instance);
        var ordered = site.Pages.OrderBy(p => p.Url, StringComparer.Ordinal).Select(p => pageObjects[p.Source.Path]);

        var siteObject = new SiteScriptObject();
        foreach (var (key, value) in config) siteObject[key] = ScriptValues.From(value);
        siteObject["base_url"] = baseUrl;
        siteObject["build_date"] = context.Options.Now;
        siteObject["pages"] = ToArray(ordered);
        var nav = site.Pages.Where(p => p.RequireMeta().Nav is not null)
            .OrderBy(p => p.RequireMeta().Nav).ThenBy(p => p.Url, StringComparer.Ordinal).ToList();
        siteObject["nav"] = ToArray(nav.Select(p => pageObjects[p.Source.Path]));
        var collections = new ScriptObject();
        var inCollections = new List<Page>();
        foreach (var collection in settings.Collections.Values)
        {
            var pages = Sort(site.Pages.Where(p => p.RequireMeta().Collection == collection.Name && !p.RequireMeta().Closed), collection).ToList();
            collections[collection.Name] = ToArray(pages.Select(p => pageObjects[p.Source.Path]));
            inCollections.AddRange(pages);
        }
        siteObject["collections"] = collections;
        var stamps = Stamps(frontMatter, new Dictionary<string, IEnumerable<Page>>
        {
            ["pages"] = site.Pages.OrderBy(p => p.Url, StringComparer.Ordinal),
            ["nav"] = nav,
            ["collections"] = inCollections,
        });

        var globals = new ScriptObject();
        foreach (var (name, data) in site.Data.Where(d => d.Key != "site")) globals[name] = ScriptValues.FromMap(data);
        globals["site"] = siteObject;
        if (site.Privacy is { } privacy)
            globals[LoadPrivacyData.DataName] = PrivacyScriptModel.Create(privacy.Data, privacy.Revision, privacy.ConfigUrl);
        TemplateFunctions.Import(globals, site.Assets);

        return site with { Model = new TemplateModel(globals, pageObjects, settings.Culture, stamps) };
    }

    /// <summary>A stamp per page list; the last run's stamp object when the list shows the same, so renders that
    /// read it can be kept.</summary>
    private IReadOnlyDictionary<string, PageListStamp> Stamps(Dictionary<Page, string> frontMatter, Dictionary<string, IEnumerable<Page>> lists)
    {
        var stamps = new Dictionary<string, PageListStamp>(StringComparer.Ordinal);
        foreach (var (name, pages) in lists)
        {
            var stamp = new PageListStamp([.. pages.Select(p => (p.Source.Path, frontMatter[p], p.Url))]);
            stamps[name] = _lastStamps.GetValueOrDefault(name) is { } last && last.SameAs(stamp) ? last : stamp;
        }
        return _lastStamps = stamps;
    }

    /// <summary>A page's object for templates and its front matter as written (for the page lists' stamps).</summary>
    private sealed record PagePart(Page Page, ScriptObject Object, string FrontMatter);

    private static string FrontMatterText(Page page)
    {
        var text = page.Source.Text;
        var end = 0;
        for (var line = 1; line < page.BodyLine && end >= 0; line++) end = text.IndexOf('\n', end) is var at && at < 0 ? -1 : at + 1;
        return end < 0 ? text : text[..end];
    }

    public string Summarize(SiteState site) => $"{site.Pages.Length} page objects";

    private static ScriptObject PageObject(Page page, string baseUrl)
    {
        var meta = page.RequireMeta();
        var result = ScriptValues.FromMap(page.FrontMatter);
        result["title"] = meta.Title;
        result["description"] = meta.Description;
        result["layout"] = meta.Layout;
        result["lang"] = meta.Lang;
        result["date"] = meta.Date;
        result["url"] = page.Url;
        result["canonical_url"] = baseUrl + page.Url;
        result["section"] = meta.Collection ?? "";
        result["closed"] = meta.Closed;
        if (meta.Closed) result["noindex"] = true;
        result["source"] = page.Source.Path;
        return result;
    }

    /// <summary>Ascending by the collection's sort key; pages without it come last, then by URL.</summary>
    private static IEnumerable<Page> Sort(IEnumerable<Page> pages, CollectionConfig collection) => collection.SortBy is not { } key
        ? pages.OrderBy(p => p.Url, StringComparer.Ordinal)
        : pages.OrderBy(p => p.FrontMatter.GetValueOrDefault(key) is null)
            .ThenBy(p => p.FrontMatter.GetValueOrDefault(key), SortKeyComparer.Instance)
            .ThenBy(p => p.Url, StringComparer.Ordinal);

    private static ScriptArray ToArray(IEnumerable<object> items)
    {
        var array = new ScriptArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    private sealed class SortKeyComparer : IComparer<object?>
    {
        public static readonly SortKeyComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (DateTime a, DateTime b) => a.CompareTo(b),
            (long a, long b) => a.CompareTo(b),
            _ => string.Compare(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture), StringComparison.Ordinal),
        };
    }
}
