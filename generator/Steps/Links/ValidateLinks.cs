using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Links;

/// <summary>
/// Every internal link, fragment and asset reference must resolve in the output. A broken link is reported once
/// where it is written (the page's source, or the template it comes from), with how many pages carry it.
/// </summary>
public sealed class ValidateLinks : IBuildStep
{
    public string Name => "links";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings, SitePart.Scan };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var baseUri = site.RequireSettings().BaseUri;
        var pagesByOutput = site.Pages.ToDictionary(p => p.OutputPath, StringComparer.Ordinal);
        var files = site.Files.Select(f => f.OutputPath).ToHashSet(StringComparer.Ordinal);

        // Most links are written from the site root (menus, assets) and read the same on every page: check each once.
        var rootRelative = new Dictionary<string, string?>(StringComparer.Ordinal);
        var broken = new List<(Page Page, PageLink Link, string Problem)>();
        foreach (var page in site.Pages)
            foreach (var link in page.Scan.Links)
            {
                string? problem;
                if (!IsRootRelative(link.Target)) problem = Check(link.Target, page, baseUri, pagesByOutput, files);
                else if (!rootRelative.TryGetValue(link.Target, out problem))
                    rootRelative[link.Target] = problem = Check(link.Target, page, baseUri, pagesByOutput, files);
                if (problem is not null) broken.Add((page, link, problem));
            }

        foreach (var group in broken.GroupBy(b => (b.Link.Target, At: SourceLineFinder.Find(b.Link.Target, b.Page, site.Templates, b.Link.OutputLine))))
        {
            var pages = group.Select(b => b.Page.Url).Distinct().ToList();
            var on = pages.Count == 1 ? $"on {pages[0]}" : $"on {pages.Count} pages ({string.Join(", ", pages.Take(3))}{(pages.Count > 3 ? ", ..." : "")})";
            var first = group.First();
            context.Report(Diagnostic.Error(group.Key.At,
                $"broken link '{group.Key.Target}' in <{first.Link.Element}> {on}: {first.Problem}",
                "link to a page or file the site publishes (drafts and expired pages are not published), or to an id that exists on that page"));
        }
        return site;
    }

    public string Summarize(SiteState site) => $"{site.Pages.Sum(p => p.Scan.Links.Count)} links checked";

    private static bool IsRootRelative(string href) => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal);

    private static string? Check(string href, Page page, Uri baseUri, IReadOnlyDictionary<string, Page> pages, IReadOnlySet<string> files)
    {
        var target = LinkTarget.Resolve(href, page.Url, baseUri);
        if (target is null) return null;
        foreach (var candidate in target.CandidateFiles())
        {
            if (pages.TryGetValue(candidate, out var targetPage))
                return target.Fragment is null || targetPage.Scan.Ids.Contains(target.Fragment)
                    ? null
                    : $"there is no element with id '{target.Fragment}' on {targetPage.Url}";
            if (files.Contains(candidate)) return null;
        }
        return $"nothing is published at {target.Path}";
    }
}
