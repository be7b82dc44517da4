using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Render.Generated;
using Express.Site.Templates;

namespace Express.Site.Steps.Check;

/// <summary>
/// Every internal link, fragment and asset reference must resolve in the output. A broken link is reported once
/// where it is written (the page's source, or the template it comes from), with how many pages carry it. A link to an
/// address that Netlify redirects (the site's _redirects with the pages' aliases, netlify.toml's [[redirects]]) is
/// fine when the redirect leads to a page or file the site publishes.
/// </summary>
public sealed class ValidateLinks : IBuildStep
{
    public string Name => "links";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings, SitePart.Scan };

    /// <summary>Whether the page published at <paramref name="Target"/> had the id a link's fragment names.</summary>
    private readonly record struct IdLookup(string Target, string Id, bool Found);

    /// <summary>What one page's links came to, and the ids on other pages the answer relied on.</summary>
    private sealed record PageResult(string Url, List<(PageLink Link, string Problem)> Broken, List<IdLookup> Fragments)
    {
        public bool StillHolds(string url, IReadOnlyDictionary<string, Page> pages) =>
            url == Url && Fragments.All(f => pages.TryGetValue(f.Target, out var page) && page.Scan.Ids.Contains(f.Id) == f.Found);
    }

    // The last run's results by page scan (the preview's next run keeps the scan of every page it did not render
    // again), with what they held for: the published paths and the redirects.
    private Dictionary<PageScan, PageResult> _last = new(ReferenceEqualityComparer.Instance);
    private HashSet<string> _lastPaths = [];
    private string? _lastRedirects;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var baseUri = site.RequireSettings().BaseUri;
        var pagesByOutput = site.Pages.ToDictionary(p => p.OutputPath, StringComparer.Ordinal);
        var files = site.Files.Select(f => f.OutputPath).ToHashSet(StringComparer.Ordinal);
        var (redirects, redirectsText) = Redirects(site, context);
        var published = new Published(pagesByOutput, files, redirects, baseUri);

        // A page's links come to the same answer while the site publishes the same paths with the same redirects and
        // the ids it links to are still there (or still missing): then only the pages that changed are checked again.
        var paths = pagesByOutput.Keys.Concat(files).ToHashSet(StringComparer.Ordinal);
        var reusable = redirectsText == _lastRedirects && paths.SetEquals(_lastPaths);
        // Most links are written from the site root (menus, assets) and read the same on every page: check each once.
        var rootRelative = new Dictionary<string, (string? Problem, IdLookup? Fragment)>(StringComparer.Ordinal);
        var results = new Dictionary<PageScan, PageResult>(ReferenceEqualityComparer.Instance);
        var broken = new List<(Page Page, PageLink Link, string Problem)>();
        foreach (var page in site.Pages)
        {
            if (!reusable || !_last.TryGetValue(page.Scan, out var result) || !result.StillHolds(page.Url, pagesByOutput))
                result = CheckPage(page, published, rootRelative);
            results[page.Scan] = result;
            broken.AddRange(result.Broken.Select(b => (page, b.Link, b.Problem)));
        }
        (_last, _lastPaths, _lastRedirects) = (results, paths, redirectsText);

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

    /// <summary>What the site publishes, and the redirects Netlify applies to what it does not.</summary>
    private sealed record Published(IReadOnlyDictionary<string, Page> Pages, IReadOnlySet<string> Files, NetlifyRedirects Redirects, Uri BaseUri);

    private static PageResult CheckPage(Page page, Published site,
        Dictionary<string, (string? Problem, IdLookup? Fragment)> rootRelative)
    {
        var result = new PageResult(page.Url, [], []);
        foreach (var link in page.Scan.Links)
        {
            if (!IsRootRelative(link.Target) || !rootRelative.TryGetValue(link.Target, out var answer))
            {
                answer = Check(link.Target, page, site);
                if (IsRootRelative(link.Target)) rootRelative[link.Target] = answer;
            }
            if (answer.Problem is { } problem) result.Broken.Add((link, problem));
            if (answer.Fragment is { } fragment) result.Fragments.Add(fragment);
        }
        return result;
    }

    /// <summary>The rules of the _redirects the build writes (input/_redirects and the aliases), then those of netlify.toml; and their text.</summary>
    private static (NetlifyRedirects Rules, string Text) Redirects(SiteState site, BuildContext context)
    {
        var redirects = NetlifyRedirects.None;
        var text = "";
        if (site.Files.FirstOrDefault(f => f.OutputPath == GenerateRedirects.FileName) is { } file)
        {
            text = file.Content ?? File.ReadAllText(file.CopyFrom!);
            redirects = NetlifyRedirects.ParseRedirectsFile(text, file.Origin.File);
        }
        var toml = Path.Combine(context.Options.ProjectRoot, "netlify.toml");
        if (!File.Exists(toml)) return (redirects, text);
        var tomlText = File.ReadAllText(toml);
        return (redirects.Then(NetlifyRedirects.ParseNetlifyToml(tomlText, context.Display(toml))), text + "\0" + tomlText);
    }

    /// <summary>What is wrong with a link (null: nothing), and the id on another page the answer relied on.</summary>
    private static (string? Problem, IdLookup? Fragment) Check(string href, Page page, Published site)
    {
        var target = LinkTarget.Resolve(href, page.Url, site.BaseUri);
        if (target is null) return (null, null);
        var (found, targetPage) = Find(target, site, hops: 0);
        if (!found) return ($"nothing is published at {target.Path}", null);
        if (target.Fragment is null || targetPage is null) return (null, null);
        var hasId = targetPage.Scan.Ids.Contains(target.Fragment);
        return (hasId ? null : $"there is no element with id '{target.Fragment}' on {targetPage.Url}", new IdLookup(targetPage.OutputPath, target.Fragment, hasId));
    }

    /// <summary>Whether a path is published, directly or through redirects (a few hops at most, as browsers follow them), and its page if it is one.</summary>
    private static (bool Found, Page? Page) Find(LinkTarget target, Published site, int hops)
    {
        foreach (var candidate in target.CandidateFiles())
        {
            if (site.Pages.TryGetValue(candidate, out var page)) return (true, page);
            if (site.Files.Contains(candidate)) return (true, null);
        }
        if (hops >= 5 || site.Redirects.Match(target.Path, fileExists: false, site.BaseUri.Host) is not { } match) return (false, null);
        if (match.Rule.Status is 404 or 410 or 451) return (false, null); // a rule that answers "not found" or "gone"
        var next = LinkTarget.Resolve(match.Target, target.Path, site.BaseUri);
        return next is null ? (true, null) : Find(next with { Fragment = target.Fragment }, site, hops + 1); // null: another site
    }
}
