using System.Collections.Concurrent;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Reading;

namespace Express.Site.Steps.Html;

/// <summary>
/// Parses each page once as a browser does (<see cref="DocumentReader"/>), lets the HTML transforms (the consent
/// gating) rewrite it, serializes it again only when it changed, runs the page checks (the leak audit) on the reading
/// of the final HTML, and keeps what link validation and the security checks need (<see cref="PageScan"/>). The
/// transforms report every problem; one written in a layout or partial is reported once, with the pages it is on.
/// </summary>
public sealed class PostProcessHtml(IReadOnlyList<Func<SiteState, IHtmlTransform>> transformFactories, IReadOnlyList<Func<SiteState, IPageCheck>>? checkFactories = null) : IBuildStep
{
    private int _transformed;

    public string Name => "html";

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        _transformed = 0;
        var transforms = transformFactories.Select(create => create(site)).ToList();
        var checks = (checkFactories ?? []).Select(create => create(site)).ToList();
        var findings = new ConcurrentBag<Diagnostic>();
        var siteBase = site.RequireSettings().BaseUri;
        var problems = new ConcurrentBag<(PageProblem Problem, string Url)>();
        var pages = context.Map(site.Pages, page =>
        {
            var address = WebAddress.PageAddress(siteBase, page.Url);
            // Without element lines: a problem is located by its text in the sources (SourceLineFinder).
            using var document = DocumentReader.Parse(page.Html, lines: false);
            var reading = DocumentReader.Read(document, address, siteBase.Host);
            var found = new List<PageProblem>();
            var changed = false;
            foreach (var transform in transforms) changed |= transform.Apply(document, reading, page, found);
            foreach (var problem in found) problems.Add((problem, page.Url));
            if (found.Count > 0) return page;
            if (!changed) return Checked(page with { Scan = PageScanner.Scan(document, reading) }, reading);

            Interlocked.Increment(ref _transformed);
            var html = "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml;
            // What will be written, read afresh: the checks after this see what a browser will see.
            using var written = DocumentReader.Parse(html, lines: false);
            var writtenReading = DocumentReader.Read(written, address, siteBase.Host);
            return Checked(page with { Html = html, Scan = PageScanner.Scan(written, writtenReading) }, writtenReading);
        });
        foreach (var finding in findings.OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line)) context.Report(finding);
        foreach (var group in problems.GroupBy(p => p.Problem).OrderBy(g => g.Key.At.File, StringComparer.Ordinal).ThenBy(g => g.Key.At.Line))
        {
            var urls = group.Select(p => p.Url).Distinct().Order(StringComparer.Ordinal).ToList();
            var on = urls.Count == 1 ? $"on {urls[0]}" : $"on {urls.Count} pages ({string.Join(", ", urls.Take(3))}{(urls.Count > 3 ? ", ..." : "")})";
            context.Report(Diagnostic.Error(group.Key.At, $"{group.Key.Message} ({on})", group.Key.Fix));
        }
        return site with { Pages = pages };

        Page Checked(Page page, DocumentReading reading)
        {
            foreach (var check in checks)
                foreach (var finding in check.Check(reading, page)) findings.Add(finding);
            return page;
        }
    }

    public string Summarize(SiteState site) =>
        $"{site.Pages.Length} pages, {_transformed} transformed, {site.Pages.Sum(p => p.Scan.Links.Count)} links";
}
