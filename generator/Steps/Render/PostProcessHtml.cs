using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>
/// Parses each page once as a browser does (<see cref="DocumentReader"/>), lets the HTML transforms (the consent
/// gating) decide what to change, makes a page with changes again from AngleSharp's full DOM (<see cref="PageEdits"/>), runs the page checks (the leak audit) on the reading
/// of the final HTML, and keeps what link validation and the security checks need (<see cref="PageScan"/>). The
/// transforms report every problem; one written in a layout or partial is reported once, with the pages it is on.
/// </summary>
public sealed class PostProcessHtml(IReadOnlyList<Func<SiteState, IHtmlTransform>> transformFactories, IReadOnlyList<Func<SiteState, IPageCheck>>? checkFactories = null) : IBuildStep
{
    private readonly StepMemo<Page, RenderedPage> _memo = new();
    private int _transformed;
    private readonly PerItem<Page, bool> _reports = new(page => page.Findings.Count > 0 || page.Problems.Count > 0);

    public string Name => "html";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Html };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Scan };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        _transformed = 0;
        var transforms = transformFactories.Select(create => create(site)).ToList();
        var checks = (checkFactories ?? []).Select(create => create(site)).ToList();
        var siteBase = site.RequireSettings().BaseUri;
        // A transform works on one page with the site's data, settings and templates (its own renders are recorded),
        // so a page whose HTML and those are unchanged keeps its result, problems included.
        var pages = RenderedPages.Map(site, context, _memo, Process);
        var reports = _reports.Of(pages, context);
        var reporting = pages.Where((_, i) => reports[i]).ToList(); // usually none
        foreach (var finding in reporting.SelectMany(p => p.Findings).OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line))
            context.Report(finding);
        foreach (var group in reporting.SelectMany(p => p.Problems.Select(problem => (Problem: problem, p.Url))).GroupBy(p => p.Problem)
                     .OrderBy(g => g.Key.At.File, StringComparer.Ordinal).ThenBy(g => g.Key.At.Line))
        {
            var urls = group.Select(p => p.Url).Distinct().Order(StringComparer.Ordinal).ToList();
            var on = urls.Count == 1 ? $"on {urls[0]}" : $"on {urls.Count} pages ({string.Join(", ", urls.Take(3))}{(urls.Count > 3 ? ", ..." : "")})";
            context.Report(Diagnostic.Error(group.Key.At, $"{group.Key.Message} ({on})", group.Key.Fix));
        }
        return site with { Pages = pages };

        Page Process(Page page)
        {
            var address = WebAddress.PageAddress(siteBase, page.Url);
            // Without element lines: a problem is located by its text in the sources (SourceLineFinder).
            var reading = DocumentReader.Read(DocumentReader.Parse(page.HtmlUtf8, lines: false), address, siteBase.Host, lines: false);
            var found = new List<PageProblem>();
            var edits = new PageEdits();
            foreach (var transform in transforms) transform.Apply(reading, page, found, edits);
            if (found.Count > 0) return page with { Problems = found };
            if (!edits.Any) return Checked(page with { Scan = PageScanner.Scan(reading) }, reading);

            Interlocked.Increment(ref _transformed);
            var html = edits.ApplyTo(page.Html, reading);
            // What will be written, read afresh: the checks after this see what a browser will see.
            var writtenReading = DocumentReader.Read(DocumentReader.Parse(html, lines: false), address, siteBase.Host, lines: false);
            return Checked(page with { Html = html, Scan = PageScanner.Scan(writtenReading) }, writtenReading);
        }

        Page Checked(Page page, DocumentReading reading) => page with { Findings = [.. checks.SelectMany(check => check.Check(reading, page))] };
    }

    public string Summarize(SiteState site) =>
        $"{site.Pages.Length} pages, {_transformed} transformed, {site.Pages.Sum(p => p.Scan.Links.Count)} links";
}
