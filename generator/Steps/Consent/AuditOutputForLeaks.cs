using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Html;
using Express.Site.Steps.Links;
using Express.Site.Steps.Output;

namespace Express.Site.Steps.Consent;

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

/// <summary>
/// Runs the <see cref="StaticLeakAudit"/> over every other document, style sheet and script as written to disk
/// (copied files, theme assets, generated files), naming the file each finding comes from.
/// </summary>
public sealed class AuditOutputForLeaks : IOutputCheck
{
    public IOutputFileCheck For(SiteState site) => new FileAudit(new StaticLeakAudit(site.Privacy?.Data, site.RequireSettings().BaseUri.Host), site);

    private sealed class FileAudit(StaticLeakAudit audit, SiteState site) : IOutputFileCheck
    {
        private readonly HashSet<string> _pages = site.Pages.Select(p => p.OutputPath).ToHashSet(StringComparer.Ordinal);
        private readonly Dictionary<string, OutputFile> _files = site.Files.GroupBy(f => f.OutputPath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public bool Wants(string outputPath) => !_pages.Contains(outputPath) &&
            (StaticLeakAudit.IsDocument(outputPath) || StaticLeakAudit.IsStyleSheet(outputPath) || StaticLeakAudit.IsScript(outputPath));

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
