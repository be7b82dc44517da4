using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Publish;

/// <summary>Leaves out drafts and pages whose 'expires' (or collection deadline) has passed.</summary>
public sealed class FilterUnpublished : IBuildStep
{
    private int _drafts, _expired;

    public string Name => "publish";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Meta };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var now = context.Options.Now;
        _drafts = site.Pages.Count(p => p.RequireMeta().Draft);
        _expired = site.Pages.Count(p => !p.RequireMeta().Draft && IsExpired(p.RequireMeta(), now));
        return site with { Pages = [.. site.Pages.Where(p => IsPublished(p.RequireMeta(), now))] };
    }

    public string Summarize(SiteState site) => $"{site.Pages.Length} published, {_expired} expired, {_drafts} drafts";

    public static bool IsPublished(PageMeta meta, DateTime now) => !meta.Draft && !IsExpired(meta, now);

    private static bool IsExpired(PageMeta meta, DateTime now) => meta.Expires is { } expires && now >= expires;
}
