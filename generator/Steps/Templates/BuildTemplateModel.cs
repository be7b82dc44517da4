using System.Globalization;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Privacy;
using Express.Site.Steps.Validate;
using Scriban.Runtime;

namespace Express.Site.Steps.Templates;

/// <summary>Builds the <c>page</c> object of every page and the <c>site</c> object with its page lists.</summary>
public sealed class BuildTemplateModel : IBuildStep
{
    public string Name => "model";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var config = site.SiteConfig;
        var settings = site.RequireSettings();
        var baseUrl = settings.BaseUrl;
        var pageObjects = site.Pages.ToDictionary(p => p.Source.Path, p => PageObject(p, baseUrl));
        var ordered = site.Pages.OrderBy(p => p.Url, StringComparer.Ordinal).Select(p => pageObjects[p.Source.Path]);

        var siteObject = ScriptValues.FromMap(config);
        siteObject["base_url"] = baseUrl;
        siteObject["build_date"] = context.Options.Now;
        siteObject["pages"] = ToArray(ordered);
        siteObject["nav"] = ToArray(site.Pages.Where(p => p.RequireMeta().Nav is not null)
            .OrderBy(p => p.RequireMeta().Nav).ThenBy(p => p.Url, StringComparer.Ordinal)
            .Select(p => pageObjects[p.Source.Path]));
        var collections = new ScriptObject();
        foreach (var collection in settings.Collections.Values)
            collections[collection.Name] = ToArray(Sort(site.Pages.Where(p => p.RequireMeta().Collection == collection.Name && !p.RequireMeta().Closed), collection)
                .Select(p => pageObjects[p.Source.Path]));
        siteObject["collections"] = collections;

        var globals = new ScriptObject();
        foreach (var (name, data) in site.Data.Where(d => d.Key != "site")) globals[name] = ScriptValues.FromMap(data);
        globals["site"] = siteObject;
        if (site.Privacy is { } privacy)
            globals[Privacy.LoadPrivacyData.DataName] = PrivacyScriptModel.Create(privacy.Data, privacy.Revision, privacy.ConfigUrl);
        TemplateFunctions.Import(globals, site.Assets);

        return site with { Model = new TemplateModel(globals, pageObjects, settings.Culture) };
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
