using System.Collections.Concurrent;
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

    public int WorkItems(SiteState site) => site.Pages.Length;

    /// <summary>Whether the page published at <paramref name="Target"/> had the id a link's fragment names.</summary>
    private readonly record struct IdLookup(string Target, string Id, bool Found);

    /// <summary>What one page's links came to, and the ids on other pages the answer relied on.</summary>
    private sealed record PageResult(List<(PageLink Link, string Problem)> Broken, List<IdLookup> Fragments);

    // The last run's pages and their results, in the same order, and what the results held for: the published paths
    // (by output path, kept up to date rather than built again) and the redirects. The preview's next run keeps the
    // objects of every page it did not render again, so an unchanged page is found at its place by reference.
    private Page[] _lastPages = [];
    private PageResult[] _lastResults = [];
    private List<int> _lastWithBroken = [];
    private Dictionary<string, Page> _pagesByOutput = new(StringComparer.Ordinal);
    private string[] _lastFiles = [];
    private string? _lastRedirects;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var baseUri = site.RequireSettings().BaseUri;
        var pages = site.Pages;
        var files = site.Files.Select(f => f.OutputPath).ToArray();
        var (redirects, redirectsText) = Redirects(site, context);

        // A page's links come to the same answer while the site publishes the same paths with the same redirects and
        // the ids it links to are still there (or still missing): then only the pages that changed are checked again.
        // A page that is the same object as at its place in the last run is not read (see Projection).
        var reusable = context.RunsAgain && redirectsText == _lastRedirects && files.SequenceEqual(_lastFiles, StringComparer.Ordinal)
            && pages.Length == _lastPages.Length && pages.Select((p, i) => ReferenceEquals(p, _lastPages[i])
                || p.OutputPath == _lastPages[i].OutputPath && p.Url == _lastPages[i].Url).All(same => same);
        var idsChanged = new HashSet<string>(StringComparer.Ordinal);
        if (reusable)
        {
            for (var i = 0; i < pages.Length; i++)
            {
                if (ReferenceEquals(pages[i], _lastPages[i])) continue;
                _pagesByOutput[pages[i].OutputPath] = pages[i];
                if (!pages[i].Scan.Ids.SetEquals(_lastPages[i].Scan.Ids)) idsChanged.Add(pages[i].OutputPath);
            }
        }
        else
        {
            _pagesByOutput = new Dictionary<string, Page>(pages.Length, StringComparer.Ordinal);
            foreach (var page in pages) _pagesByOutput.TryAdd(page.OutputPath, page);
        }
        var published = new Published(_pagesByOutput, files.ToHashSet(StringComparer.Ordinal), redirects, baseUri);

        // Most links are written from the site root (menus, assets) and read the same on every page: check each once.
        var rootRelative = new ConcurrentDictionary<string, (string? Problem, IdLookup? Fragment)>(StringComparer.Ordinal);
        var results = new PageResult[pages.Length];
        var toCheck = new List<int>();
        for (var i = 0; i < pages.Length; i++)
        {
            if (reusable && (ReferenceEquals(pages[i], _lastPages[i]) || ReferenceEquals(pages[i].Scan, _lastPages[i].Scan)) && !ReliesOn(_lastResults[i], idsChanged))
                results[i] = _lastResults[i];
            else
                toCheck.Add(i);
        }
        foreach (var (i, result) in context.Map(toCheck, i => (i, CheckPage(pages[i], published, rootRelative))))
            results[i] = result;
        // Pages with broken links are usually none: the last run's are known by place, only the checked ones are read.
        var checkedNow = toCheck.ToHashSet();
        var withBroken = (reusable ? _lastWithBroken.Where(i => !checkedNow.Contains(i)) : [])
            .Concat(toCheck.Where(i => results[i].Broken.Count > 0)).Order().ToList();
        var broken = new List<(Page Page, PageLink Link, string Problem)>();
        foreach (var i in withBroken)
            foreach (var (link, problem) in results[i].Broken) broken.Add((pages[i], link, problem));
        if (context.RunsAgain) (_lastPages, _lastResults, _lastWithBroken, _lastFiles, _lastRedirects) = ([.. pages], results, withBroken, files, redirectsText);

        foreach (var group in broken.GroupBy(b => (b.Link.Target, At: SourceLineFinder.Find(b.Link.Target, b.Page, site.Templates, b.Link.OutputLine))))
        {
            var on = group.Select(b => b.Page.Url).Distinct().ToList() is var urls && urls.Count == 1
                ? $"on {urls[0]}" : $"on {urls.Count} pages ({string.Join(", ", urls.Take(3))}{(urls.Count > 3 ? ", ..." : "")})";
            var first = group.First();
            context.Report(Diagnostic.Error(group.Key.At,
                $"broken link '{group.Key.Target}' in <{first.Link.Element}> {on}: {first.Problem}",
                "link to a page or file the site publishes (drafts and expired pages are not published), or to an id that exists on that page"));
        }
        return site;
    }

    /// <summary>Whether a kept result relied on an id of a page whose ids changed.</summary>
    private static bool ReliesOn(PageResult result, HashSet<string> idsChanged) =>
        idsChanged.Count > 0 && result.Fragments.Any(f => idsChanged.Contains(f.Target));

    public string Summarize(SiteState site) => $"{site.Pages.Sum(p => p.Scan.Links.Count)} links checked";

    private static bool IsRootRelative(string href) => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal);

    /// <summary>What the site publishes, and the redirects Netlify applies to what it does not.</summary>
    private sealed record Published(IReadOnlyDictionary<string, Page> Pages, IReadOnlySet<string> Files, NetlifyRedirects Redirects, Uri BaseUri);

    private static PageResult CheckPage(Page page, Published site,
        ConcurrentDictionary<string, (string? Problem, IdLookup? Fragment)> rootRelative)
    {
        var result = new PageResult([], []);
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
