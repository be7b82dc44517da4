using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Links;
using Express.Site.Steps.Output;

namespace Express.Site.Steps.Consent;

/// <summary>
/// Runs the <see cref="StaticLeakAudit"/> over every document, style sheet and script as written to disk, and names
/// the source each finding comes from: the page, layout, partial or data file, or the copied file itself.
/// </summary>
public sealed class AuditOutputForLeaks : IOutputCheck
{
    public IOutputFileCheck For(SiteState site) => new FileAudit(new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host), site);

    private sealed class FileAudit(StaticLeakAudit audit, SiteState site) : IOutputFileCheck
    {
        private readonly Dictionary<string, Page> _pages = site.Pages.ToDictionary(p => p.OutputPath, StringComparer.Ordinal);
        private readonly Dictionary<string, OutputFile> _files = site.Files.GroupBy(f => f.OutputPath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public bool Wants(string outputPath) =>
            StaticLeakAudit.IsDocument(outputPath) || StaticLeakAudit.IsStyleSheet(outputPath) || StaticLeakAudit.IsScript(outputPath);

        public IReadOnlyList<Diagnostic> Check(string fullPath, string outputPath)
        {
            var text = File.ReadAllText(fullPath);
            var leaks = StaticLeakAudit.IsStyleSheet(outputPath) ? audit.AuditStyleSheet(text, outputPath)
                : StaticLeakAudit.IsScript(outputPath) ? audit.AuditScript(text)
                : audit.AuditDocument(text, outputPath);
            return [.. leaks.Select(leak => Report(leak, outputPath))];
        }

        private Diagnostic Report(Leak leak, string outputPath)
        {
            if (_pages.TryGetValue(outputPath, out var page))
                return Diagnostic.Error(SourceLineFinder.Find(leak.Snippet, page, site.Templates, leak.Line, site.DataFiles),
                    $"leak on {page.Url}: {leak.What}",
                    "this is a bug in the consent gating (it should have gated the element or stopped the build): report it, and remove the element meanwhile");
            var origin = _files.TryGetValue(outputPath, out var file) && file.CopyFrom is not null ? file.Origin with { Line = leak.Line } : new SourceLocation($"(generated {outputPath})", leak.Line);
            return Diagnostic.Error(origin, $"{outputPath} would contact another site before consent: {leak.What}",
                "a published file cannot ask for consent: remove the address, or put the content in a page, where it is gated");
        }
    }
}
