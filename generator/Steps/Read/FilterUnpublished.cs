using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    /// <summary>What becomes of a page: published as it is, as a closed page (null: left out), and why.</summary>
    private readonly record struct Decision(Page? Published, bool Draft, bool Expired);

    // A closed page is made from its published page; the same one keeps the same object from run to run, so the
    // preview's later steps can reuse their work on it.
    private readonly StepMemo<Page, Decision> _memo = new();
    private ImmutableArray<Decision> _decisions = [];

    public string Name => "publish";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Meta };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var now = context.Options.Now;
        var keepExpired = site.RequireSettings().Collections.Values.Where(c => c.KeepExpired).Select(c => c.Name).ToHashSet();
        _decisions = context.Map(site.Pages, _memo, (now, string.Join('\n', keepExpired.Order(StringComparer.Ordinal))), page =>
        {
            var meta = page.RequireMeta();
            var expired = !meta.Draft && IsExpired(meta, now);
            var published = IsPublished(meta, now) ? page
                : expired && meta.Collection is { } c && keepExpired.Contains(c) ? page with { Meta = meta with { Closed = true, InSitemap = false } }
                : null;
            return new Decision(published, meta.Draft, expired);
        });
        var pages = new Page[_decisions.Count(d => d.Published is not null)];
        var stored = pages.AsSpan(); // see Projection: no page is read
        var count = 0;
        foreach (var decision in _decisions)
            if (decision.Published is { } page) stored[count++] = page;
        return site with { Pages = ImmutableCollectionsMarshal.AsImmutableArray(pages) };
    }

    public string Summarize(SiteState site)
    {
        var closed = _decisions.Count(d => d.Expired && d.Published is not null);
        return $"{site.Pages.Length} published, {_decisions.Count(d => d.Expired)} expired{(closed > 0 ? $" ({closed} kept as closed)" : "")}, {_decisions.Count(d => d.Draft)} drafts";
    }

    public static bool IsPublished(PageMeta meta, DateTime now) => !meta.Draft && !IsExpired(meta, now);

    private static bool IsExpired(PageMeta meta, DateTime now) => meta.Expires is { } expires && now >= expires;
}
