using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// Leaves out drafts and pages whose 'expires' (or collection deadline) has passed. In a collection with
/// 'keep_expired: true' (job ads) an expired page stays, marked closed and left out of the sitemap, so links to it
/// still work; the collection's list leaves it out and its layout shows it as no longer open.
/// </summary>
public sealed class FilterUnpublished : IBuildStep
{
    private int _drafts, _expired;

    // A closed page is made from its published page; the same one keeps the same object from run to run, so the
    // preview's later steps can reuse their work on it.
    private Dictionary<Page, Page> _closed = new(ReferenceEqualityComparer.Instance);

    public string Name => "publish";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Meta };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var now = context.Options.Now;
        _drafts = site.Pages.Count(p => p.RequireMeta().Draft);
        _expired = site.Pages.Count(p => !p.RequireMeta().Draft && IsExpired(p.RequireMeta(), now));
        var keepExpired = site.RequireSettings().Collections.Values.Where(c => c.KeepExpired).Select(c => c.Name).ToHashSet();
        var closed = new Dictionary<Page, Page>(ReferenceEqualityComparer.Instance);
        var pages = site.Pages
            .Where(p => IsPublished(p.RequireMeta(), now) || !p.RequireMeta().Draft && p.RequireMeta().Collection is { } c && keepExpired.Contains(c))
            .Select(p => IsExpired(p.RequireMeta(), now) ? closed[p] = _closed.GetValueOrDefault(p) ?? p with { Meta = p.RequireMeta() with { Closed = true, InSitemap = false } } : p)
            .ToList();
        _closed = closed;
        return site with { Pages = [.. pages] };
    }

    public string Summarize(SiteState site) =>
        $"{site.Pages.Length} published, {_expired} expired{(site.Pages.Any(p => p.RequireMeta().Closed) ? $" ({site.Pages.Count(p => p.RequireMeta().Closed)} kept as closed)" : "")}, {_drafts} drafts";

    public static bool IsPublished(PageMeta meta, DateTime now) => !meta.Draft && !IsExpired(meta, now);

    private static bool IsExpired(PageMeta meta, DateTime now) => meta.Expires is { } expires && now >= expires;
}
