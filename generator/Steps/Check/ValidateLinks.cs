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

    public SiteState Run(SiteState site, BuildContext context)
    {
        var baseUri = site.RequireSettings().BaseUri;
        var pagesByOutput = site.Pages.ToDictionary(p => p.OutputPath, StringComparer.Ordinal);
        var files = site.Files.Select(f => f.OutputPath).ToHashSet(StringComparer.Ordinal);
        var published = new Published(pagesByOutput, files, Redirects(site, context), baseUri);

        // Most links are written from the site root (menus, assets) and read the same on every page: check each once.
        var rootRelative = new Dictionary<string, string?>(StringComparer.Ordinal);
        var broken = new List<(Page Page, PageLink Link, string Problem)>();
        foreach (var page in site.Pages)
            foreach (var link in page.Scan.Links)
            {
                string? problem;
                if (!IsRootRelative(link.Target)) problem = Check(link.Target, page, published);
                else if (!rootRelative.TryGetValue(link.Target, out problem))
                    rootRelative[link.Target] = problem = Check(link.Target, page, published);
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

    /// <summary>What the site publishes, and the redirects Netlify applies to what it does not.</summary>
    private sealed record Published(IReadOnlyDictionary<string, Page> Pages, IReadOnlySet<string> Files, NetlifyRedirects Redirects, Uri BaseUri);

    /// <summary>The rules of the _redirects the build writes (input/_redirects and the aliases), then those of netlify.toml.</summary>
    private static NetlifyRedirects Redirects(SiteState site, BuildContext context)
    {
        var redirects = NetlifyRedirects.None;
        if (site.Files.FirstOrDefault(f => f.OutputPath == GenerateRedirects.FileName) is { } file)
            redirects = NetlifyRedirects.ParseRedirectsFile(file.Content ?? File.ReadAllText(file.CopyFrom!), file.Origin.File);
        var toml = Path.Combine(context.Options.ProjectRoot, "netlify.toml");
        return File.Exists(toml) ? redirects.Then(NetlifyRedirects.ParseNetlifyToml(File.ReadAllText(toml), context.Display(toml))) : redirects;
    }

    private static string? Check(string href, Page page, Published site)
    {
        var target = LinkTarget.Resolve(href, page.Url, site.BaseUri);
        if (target is null) return null;
        var (found, targetPage) = Find(target, site, hops: 0);
        if (!found) return $"nothing is published at {target.Path}";
        return target.Fragment is null || targetPage is null || targetPage.Scan.Ids.Contains(target.Fragment)
            ? null
            : $"there is no element with id '{target.Fragment}' on {targetPage.Url}";
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
