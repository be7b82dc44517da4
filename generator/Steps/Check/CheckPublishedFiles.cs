using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Render;

namespace Express.Site.Steps.Check;

/// <summary>
/// The consent gating for files published as they are (from input/ or the theme's assets): a document (.svg, .html,
/// .xhtml, .xml…) or style sheet cannot ask for consent, so it may load nothing from another site and run no code.
/// Each one is read as a browser reads it; anything else stops the build at the file's line.
/// </summary>
public sealed class CheckPublishedFiles : IBuildStep
{
    public string Name => "published files";

    public int WorkItems(SiteState site) => ToCheck(site).Count;

    /// <summary>
    /// The documents and style sheets published as they are, each source once: a fingerprinted copy
    /// (bilder/ikon.1a2b3c4d5e.svg) has the same bytes in the same folder as the file it copies, so it would only
    /// repeat the file's errors. The address checked is the shortest, the file's own.
    /// </summary>
    private static List<OutputFile> ToCheck(SiteState site) =>
    [
        .. site.Files.Where(f => f.CopyFrom is not null && (StaticLeakAudit.IsDocument(f.OutputPath) || StaticLeakAudit.IsStyleSheet(f.OutputPath)))
            .GroupBy(f => f.CopyFrom, StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => f.OutputPath.Length).ThenBy(f => f.OutputPath, StringComparer.Ordinal).First()),
    ];

    public SiteState Run(SiteState site, BuildContext context)
    {
        var siteAddress = site.RequireSettings().BaseUri.AbsoluteUri;
        var host = site.RequireSettings().BaseUri.Host;
        var siteRoot = new AngleSharp.Dom.Url(siteAddress);
        var files = ToCheck(site);
        // The preview's next run reads again only the files the watcher reported (or all, for another site address).
        if (siteAddress != _cleanFor) _clean.Clear();
        context.ForEach([.. files.Where(f => context.MayHaveChanged(f.CopyFrom!) || !_clean.Contains((f.CopyFrom!, f.OutputPath)))], file =>
        {
            var text = File.ReadAllText(file.CopyFrom!);
            var address = new AngleSharp.Dom.Url(siteRoot, file.OutputPath);
            foreach (var (line, problem) in StaticLeakAudit.IsStyleSheet(file.OutputPath) ? StyleSheetProblems(text, address, host) : DocumentProblems(text, file.OutputPath, address, host))
                context.Report(Diagnostic.Error(file.Origin with { Line = line }, $"{file.OutputPath} {problem}",
                    "a file published as it is cannot ask the visitor for consent: use addresses on this site only, and put scripts in the theme's assets/js/ " +
                    "(third-party content belongs in a page, where it is gated)"));
        });
        _clean.Clear();
        if (context.RunsAgain && !context.Diagnostics.HasErrors) _clean.UnionWith(files.Select(f => (f.CopyFrom!, f.OutputPath)));
        _cleanFor = siteAddress;
        return site;
    }

    // The files (source and address) the last run found nothing in, and the site address it read them at.
    private readonly HashSet<(string Source, string OutputPath)> _clean = [];
    private string? _cleanFor;

    private static IEnumerable<(int Line, string Problem)> StyleSheetProblems(string css, AngleSharp.Dom.Url address, string host) =>
        CssReader.Urls(css).Select(url => (url, address: WebAddress.Resolve(url.Url, address, host)))
            .Where(u => u.address.Kind is not (AddressKind.Site or AddressKind.Blank or AddressKind.Data))
            .Select(u => (u.url.Line, $"loads {u.url.Url}{(u.address.ThirdPartyHost is { } h ? $" from {h}" : "")}"));

    private static IEnumerable<(int Line, string Problem)> DocumentProblems(string text, string outputPath, AngleSharp.Dom.Url address, string host)
    {
        if (!outputPath.EndsWith("html", StringComparison.OrdinalIgnoreCase) && text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
            yield return (text[..text.IndexOf("<!ENTITY", StringComparison.OrdinalIgnoreCase)].Count(c => c == '\n') + 1,
                "declares XML entities, which a browser expands and the build cannot read");
        var document = DocumentReader.Parse(text);
        var reading = DocumentReader.Read(document, address, host);
        foreach (var problem in reading.Problems)
            yield return (problem.Line, $"cannot be read as a browser would: {problem.Message}");
        foreach (var reference in reading.References)
        {
            if (reference.NeedsNoConsent) continue;
            if (reference.Address.Kind == AddressKind.Data && ConsentGating.IsDataImage(reference)) continue;
            if (reference.Use == ReferenceUse.FormTarget && reference.Address.Kind != AddressKind.ThirdParty) continue;
            yield return (reference.Line, $"<{reference.Element.LocalName} {reference.Attribute}=\"{reference.Address.Written}\"> loads " +
                (reference.Address.ThirdPartyHost is { } h ? $"from {h}" : $"a {reference.Address.Resolved.Scheme}: address"));
        }
        foreach (var script in reading.Scripts.Where(s => s.Kind.RunsCode() && s.Context != ReadContext.NoScript))
            yield return (script.Line, "has an inline <script>");
        foreach (var handler in reading.CodeAttributes.Where(a => a.Attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            yield return (handler.Line, $"has code in an attribute ({handler.Attribute})");
    }
}
