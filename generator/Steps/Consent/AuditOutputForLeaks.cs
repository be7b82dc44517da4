using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Output;

namespace Express.Site.Steps.Consent;

/// <summary>Runs the <see cref="StaticLeakAudit"/> over every HTML and CSS file as written to disk.</summary>
public sealed class AuditOutputForLeaks : IOutputCheck
{
    public IOutputFileCheck For(SiteState site) => new FileAudit(new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host));

    private sealed class FileAudit(StaticLeakAudit audit) : IOutputFileCheck
    {
        public bool Wants(string outputPath) => outputPath.EndsWith(".html", StringComparison.Ordinal) || outputPath.EndsWith(".css", StringComparison.Ordinal);

        public IReadOnlyList<Diagnostic> Check(string fullPath, string display)
        {
            var text = File.ReadAllText(fullPath);
            return fullPath.EndsWith(".css", StringComparison.Ordinal) ? audit.AuditCss(text, display) : audit.AuditHtml(text, display);
        }
    }
}
