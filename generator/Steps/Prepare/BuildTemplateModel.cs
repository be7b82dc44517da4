using System.Collections.Immutable;
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

    // What the last run's page lists were made of (each page's source, front matter and URL, in page order, with
    // site.yml and the date) and the lists: reused while every page is where it was with the same front matter and
    // URL, as after an edit of a page's text.
    private PagePart[] _lastShown = [];
    private (object? SiteYml, DateTime Now) _lastShared;
    private Lists? _lists;

    // Each part's object for the lists: a kept part has the one it had (not read again: see Projection).
    private readonly PerItem<PagePart, ScriptObject> _objects = new(part => part.Object);

    /// <summary>Each page's position by source path, the page lists of <c>site</c> as positions in the pages, and their stamps.</summary>
    private sealed record Lists(Dictionary<string, int> Positions, int[] Pages, int[] Nav, IReadOnlyList<(string Name, int[] Pages)> Collections,
        IReadOnlyDictionary<string, PageListStamp> Stamps);

    public SiteState Run(SiteState site, BuildContext context)
    {
        var config = site.SiteConfig;
        var settings = site.RequireSettings();
        var baseUrl = settings.BaseUrl;
        // A page object is made of the page and the base URL only: an unchanged page keeps its object.
        var made = context.Map(site.Pages, _pageObjects, baseUrl, p => new PagePart(p, PageObject(p, baseUrl), FrontMatterText(p)));
        // The lists depend on each page's front matter and URL, on site.yml (the collections) and on the date (closed job ads).
        var shared = (site.Data.GetValueOrDefault("site") as object, context.Options.Now);
        var lists = _lists is not null && shared.Equals(_lastShared) && SameAsLastShown(made) ? _lists : MakeLists(made, settings);
        var objects = _objects.Of(made, context);
        if (context.RunsAgain) (_lists, _lastShown, _lastShared) = (lists, [.. made], shared);

        var siteObject = new SiteScriptObject();
        foreach (var (key, value) in config) siteObject[key] = ScriptValues.From(value);
        siteObject["base_url"] = baseUrl;
        siteObject["build_date"] = context.Options.Now;
        siteObject["pages"] = ToArray(lists.Pages, objects);
        siteObject["nav"] = ToArray(lists.Nav, objects);
        var collections = new ScriptObject();
        foreach (var (name, members) in lists.Collections) collections[name] = ToArray(members, objects);
        siteObject["collections"] = collections;

        var globals = new ScriptObject();
        foreach (var (name, data) in site.Data.Where(d => d.Key != "site")) globals[name] = ScriptValues.FromMap(data);
        globals["site"] = siteObject;
        if (site.Privacy is { } privacy)
            globals[LoadPrivacyData.DataName] = PrivacyScriptModel.Create(privacy.Data, privacy.Revision, privacy.ConfigUrl);
        TemplateFunctions.Import(globals, site.Assets);
        ScriptValues.Freeze(globals);

        return site with { Model = new TemplateModel(globals, path => objects[lists.Positions[path]], settings.Culture, lists.Stamps) };
    }

    /// <summary>Whether every page is where it was with the same source, front matter and URL (a kept part is the same object).</summary>
    private bool SameAsLastShown(ImmutableArray<PagePart> made)
    {
        if (made.Length != _lastShown.Length) return false;
        for (var i = 0; i < made.Length; i++)
        {
            var (now, last) = (made[i], _lastShown[i]);
            if (!ReferenceEquals(now, last) && (now.Page.Source.Path != last.Page.Source.Path || now.FrontMatter != last.FrontMatter || now.Page.Url != last.Page.Url))
                return false;
        }
        return true;
    }

    private Lists MakeLists(IReadOnlyList<PagePart> made, SiteSettings settings)
    {
        var all = Enumerable.Range(0, made.Count).ToArray();
        var positions = new Dictionary<string, int>(made.Count, StringComparer.Ordinal);
        foreach (var i in all) positions[made[i].Page.Source.Path] = i;
        Page PageAt(int i) => made[i].Page;
        var byUrl = all.OrderBy(i => PageAt(i).Url, StringComparer.Ordinal).ToArray();
        var nav = all.Where(i => PageAt(i).RequireMeta().Nav is not null)
            .OrderBy(i => PageAt(i).RequireMeta().Nav).ThenBy(i => PageAt(i).Url, StringComparer.Ordinal).ToArray();
        var collections = new List<(string, int[])>();
        var inCollections = new List<int>();
        foreach (var collection in settings.Collections.Values)
        {
            var members = Sort(all.Where(i => PageAt(i).RequireMeta() is var meta && meta.Collection == collection.Name && !meta.Closed), PageAt, collection).ToArray();
            collections.Add((collection.Name, members));
            inCollections.AddRange(members);
        }
        var stamps = Stamps(made, new Dictionary<string, int[]>
        {
            ["pages"] = byUrl,
            ["nav"] = nav,
            ["collections"] = [.. inCollections],
        });
        return new Lists(positions, byUrl, nav, collections, stamps);
    }

    /// <summary>A stamp per page list; the last run's stamp object when the list shows the same, so renders that
    /// read it can be kept.</summary>
    private IReadOnlyDictionary<string, PageListStamp> Stamps(IReadOnlyList<PagePart> made, Dictionary<string, int[]> lists)
    {
        var stamps = new Dictionary<string, PageListStamp>(StringComparer.Ordinal);
        foreach (var (name, positions) in lists)
        {
            var stamp = new PageListStamp([.. positions.Select(i => (made[i].Page.Source.Path, made[i].FrontMatter, made[i].Page.Url))]);
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
        ScriptValues.Freeze(result); // here, on the step's threads: the page's part of the read-only model
        return result;
    }

    /// <summary>Ascending by the collection's sort key; pages without it come last, then by URL.</summary>
    private static IEnumerable<int> Sort(IEnumerable<int> positions, Func<int, Page> pageAt, CollectionConfig collection) => collection.SortBy is not { } key
        ? positions.OrderBy(i => pageAt(i).Url, StringComparer.Ordinal)
        : positions.OrderBy(i => pageAt(i).FrontMatter.GetValueOrDefault(key) is null)
            .ThenBy(i => pageAt(i).FrontMatter.GetValueOrDefault(key), SortKeyComparer.Instance)
            .ThenBy(i => pageAt(i).Url, StringComparer.Ordinal);

    /// <summary>A page list, read-only at once: its page objects were frozen where they were made, so freezing the model
    /// need not visit each (and the list is copied whole into the array, not added to item by item: see Projection).</summary>
    private static ScriptArray ToArray(int[] positions, ScriptObject[] objects)
    {
        var items = new object[positions.Length];
        var stored = items.AsSpan();
        for (var i = 0; i < positions.Length; i++) stored[i] = objects[positions[i]];
        return new ScriptArray((IEnumerable<object?>)items) { IsReadOnly = true };
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
