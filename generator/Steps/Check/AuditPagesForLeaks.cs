using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Render;
using Express.Site.Templates;

namespace Express.Site.Steps.Check;

/// <summary>
/// The <see cref="StaticLeakAudit"/> of every page exactly as it will be written (from the reading of its final
/// HTML, so the page is not parsed twice), naming the page, layout, partial or data file each finding comes from.
/// </summary>
public sealed class AuditPagesForLeaks(StaticLeakAudit audit, SiteState site) : IPageCheck
{
    public static AuditPagesForLeaks For(SiteState site) => new(new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host), site);

    public IReadOnlyList<Diagnostic> Check(DocumentReading reading, Page page) =>
        [.. audit.AuditDocument(reading).Select(leak => Diagnostic.Error(SourceLineFinder.Find(leak.Snippet, page, site.Templates, leak.Line, site.DataFiles),
            $"leak on {page.Url}: {leak.What}",
            "this is a bug in the consent gating (it should have gated the element or stopped the build): report it, and remove the element meanwhile"))];
}
