using System.Text.RegularExpressions;
using Express.Site.Core;
using Express.Site.Steps.Templates;

namespace Express.Site.Incremental;

/// <summary>The page lists of the <c>site</c> object a template can show.</summary>
public enum SiteList { Pages, Nav, Collections }

/// <summary>
/// Which pages a change affects. For each page: the templates it is rendered with (its layout chain and every
/// partial they and its body include) and the site lists they show (site.pages, site.nav, site.collections). Found
/// by reading the template texts, so an include whose name is not written out counts as using every partial.
/// </summary>
public sealed partial class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<SiteList>> _lists = new(StringComparer.Ordinal);

    /// <param name="pages">the pages as they are before rendering (their bodies still templates).</param>
    public static DependencyGraph Build(IEnumerable<Page> pages, TemplateLibrary library)
    {
        var graph = new DependencyGraph();
        // Every page of a layout shares the layout chain's dependencies: work them out once per layout.
        var layouts = new Dictionary<string, (HashSet<string> Templates, HashSet<SiteList> Lists)>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var layoutName = page.RequireMeta().Layout ?? ApplyLayouts.DefaultLayout;
            if (!layouts.TryGetValue(layoutName, out var chain))
            {
                chain = (new HashSet<string>(StringComparer.Ordinal), new HashSet<SiteList>());
                for (var layout = library.Layout(layoutName); layout is not null; layout = layout.Parent is null ? null : library.Layout(layout.Parent))
                    if (chain.Templates.Add(layout.Path)) Read(layout.File.Text, library, chain.Templates, chain.Lists);
                layouts[layoutName] = chain;
            }
            var templates = new HashSet<string>(chain.Templates, StringComparer.Ordinal);
            var lists = new HashSet<SiteList>(chain.Lists);
            if (page.Body.Contains("{{", StringComparison.Ordinal) || page.Body.Contains("{%", StringComparison.Ordinal))
                Read(page.Body, library, templates, lists);
            graph._templates[page.Source.Path] = templates;
            graph._lists[page.Source.Path] = lists;
        }
        return graph;
    }

    public IReadOnlySet<string> TemplatesOf(string page) => _templates.GetValueOrDefault(page) ?? [];

    public IReadOnlySet<SiteList> ListsOf(string page) => _lists.GetValueOrDefault(page) ?? [];

    /// <summary>The pages rendered with the template file <paramref name="templatePath"/> (e.g. "themes/express/partials/header.html").</summary>
    public IEnumerable<string> PagesUsingTemplate(string templatePath) => _templates.Where(t => t.Value.Contains(templatePath)).Select(t => t.Key);

    /// <summary>
    /// The pages to render again when a page's front matter changes from <paramref name="before"/> to
    /// <paramref name="after"/>: the pages that list all pages, and those listing the menu or the collections when
    /// the page is (or was) in them. The page itself is not included.
    /// </summary>
    public IEnumerable<string> AffectedByFrontMatter(PageMeta before, PageMeta after)
    {
        var lists = new HashSet<SiteList> { SiteList.Pages };
        if (before.Nav is not null || after.Nav is not null) lists.Add(SiteList.Nav);
        if (before.Collection is not null || after.Collection is not null) lists.Add(SiteList.Collections);
        return _lists.Where(l => l.Value.Overlaps(lists)).Select(l => l.Key);
    }

    private static void Read(string text, TemplateLibrary library, HashSet<string> templates, HashSet<SiteList> lists)
    {
        if (text.Contains("site.pages", StringComparison.Ordinal)) lists.Add(SiteList.Pages);
        if (text.Contains("site.nav", StringComparison.Ordinal)) lists.Add(SiteList.Nav);
        if (text.Contains("site.collections", StringComparison.Ordinal)) lists.Add(SiteList.Collections);
        if (DynamicInclude().IsMatch(text))
            foreach (var partial in library.Partials)
                if (templates.Add(partial.Path)) Read(partial.File.Text, library, templates, lists);
        foreach (Match include in Include().Matches(text))
            if (library.Partial(include.Groups[1].Value) is { } partial && templates.Add(partial.Path))
                Read(partial.File.Text, library, templates, lists);
    }

    [GeneratedRegex(@"\binclude\s+['""]([^'""]+)['""]")]
    private static partial Regex Include();

    [GeneratedRegex(@"\binclude\s+(?!['""])")]
    private static partial Regex DynamicInclude();
}
