using System.Collections.Concurrent;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Output;

namespace Express.Site.Steps.Consent;

/// <summary>Runs the <see cref="StaticLeakAudit"/> over every HTML and CSS file as written to disk.</summary>
public sealed class AuditOutputForLeaks : IOutputCheck
{
    public IReadOnlyList<Diagnostic> Check(string folder, string display, SiteState site, BuildContext context)
    {
        var audit = new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal))
            .ToList();
        var findings = new ConcurrentBag<Diagnostic>();
        Parallel.ForEach(files, file =>
        {
            var name = display + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            foreach (var finding in file.EndsWith(".css", StringComparison.Ordinal) ? audit.AuditCss(text, name) : audit.AuditHtml(text, name))
                findings.Add(finding);
        });
        return [.. findings.OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line)];
    }
}
