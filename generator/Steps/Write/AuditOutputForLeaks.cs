using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Check;

namespace Express.Site.Steps.Write;

/// <summary>
/// Runs the <see cref="StaticLeakAudit"/> over every other document, style sheet and script as written to disk
/// (copied files, theme assets, generated files), naming the file each finding comes from.
/// </summary>
public sealed class AuditOutputForLeaks : IOutputCheck
{
    public IOutputFileCheck For(SiteState site) => new FileAudit(new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host), site);

    private sealed class FileAudit(StaticLeakAudit audit, SiteState site) : IOutputFileCheck
    {
        private readonly Dictionary<string, OutputFile> _files = site.Files.GroupBy(f => f.OutputPath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Made only when a file's path is asked about: a preview's rebuild that writes one page needs no set of 10,000.
        private readonly Lazy<HashSet<string>> _pages = new(() => site.Pages.Select(p => p.OutputPath).ToHashSet(StringComparer.Ordinal));

        // Every file written is a page or one of the site's other files; a page is audited before it is written.
        public bool Wants(string outputPath) => _files.ContainsKey(outputPath)
            && (StaticLeakAudit.IsDocument(outputPath) || StaticLeakAudit.IsStyleSheet(outputPath) || StaticLeakAudit.IsScript(outputPath))
            && !_pages.Value.Contains(outputPath);

        public IReadOnlyList<Diagnostic> Check(string fullPath, string outputPath)
        {
            var text = File.ReadAllText(fullPath);
            var leaks = StaticLeakAudit.IsStyleSheet(outputPath) ? audit.AuditStyleSheet(text, outputPath)
                : StaticLeakAudit.IsScript(outputPath) ? audit.AuditScript(text)
                : audit.AuditDocument(text, outputPath);
            var origin = _files.TryGetValue(outputPath, out var file) && file.CopyFrom is not null ? file.Origin : new SourceLocation($"(generated {outputPath})");
            return [.. leaks.Select(leak => Diagnostic.Error(origin with { Line = leak.Line }, $"{outputPath} would contact another site before consent: {leak.What}",
                "a published file cannot ask for consent: remove the address, or put the content in a page, where it is gated"))];
        }
    }
}
