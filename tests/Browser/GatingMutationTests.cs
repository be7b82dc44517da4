using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Reading;
using Express.Site.Steps.Check;
using Express.Site.Steps.Render;
using Express.Site.Steps.Render.Generated;
using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;
using Xunit.Abstractions;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The gating against hundreds of mutants of real vendor snippets (<see cref="GatingMutants"/>), with Chromium as
/// the judge: every mutant is gated, refused, or harmless, and what the build would publish makes no third-party
/// request and stores nothing in a fresh visit, with the generated Content-Security-Policy and without it.
/// </summary>
[Collection(WaitingBrowserCollection.Name)]
public sealed class GatingMutationTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Origin = PageVisit.Origin;
    private const int PerPage = 150;

    private static readonly ConsentGating Gating = new(GoldenPrivacy.Gating, null, [], (vendor, _) => $"<div class=\"placeholder\">{vendor.Name}</div>");
    private static readonly StaticLeakAudit Audit = new(GoldenPrivacy.Gating, "www.express.no");

    private enum Outcome { Refused, Gated, Unchanged }

    private sealed record Built(GatingMutant Mutant, Outcome Outcome, string Body);

    [Fact]
    public async Task No_mutant_of_a_vendor_snippet_reaches_a_fresh_visitor_with_or_without_the_csp()
    {
        var built = GatingMutants.All().Select(Build).ToList();
        var gated = built.Where(b => b.Outcome == Outcome.Gated).ToList();
        var unchanged = built.Where(b => b.Outcome == Outcome.Unchanged).ToList();
        output.WriteLine($"{built.Count} mutants: {built.Count(b => b.Outcome == Outcome.Refused)} refused, {gated.Count} gated, {unchanged.Count} published unchanged");

        // The leak audit, which judges on its own, finds nothing in what would be published.
        foreach (var b in gated.Concat(unchanged))
            Assert.True(Audit.AuditDocument(Page(b.Body), "m/index.html").Count == 0, $"the audit finds a leak in {b.Mutant}:\n{b.Body}");

        // Chromium: what is published stores nothing and asks no other host, with the CSP and without it.
        var published = gated.Concat(unchanged).ToList();
        var withCsp = await VisitAsync(published, withCsp: true);
        var withoutCsp = await VisitAsync(published, withCsp: false);
        output.WriteLine($"published mutants that reached another host: {withCsp.Count} with the CSP, {withoutCsp.Count} without it");
        Assert.True(withoutCsp.Count == 0, "leaks without the CSP:\n" + string.Join("\n", withoutCsp));
        Assert.True(withCsp.Count == 0, "leaks with the CSP:\n" + string.Join("\n", withCsp));

        // The mutants are real: pasted as they are, most reach their host in Chromium.
        var raw = await VisitAsync(built.Where(b => b.Outcome != Outcome.Unchanged && !b.Mutant.Snippet.Contains("refresh")).Select(b => b with { Body = b.Mutant.Html }).ToList(), withCsp: false);
        output.WriteLine($"pasted without the build, {raw.Count} mutants reach another host");
        Assert.True(raw.Count > built.Count / 3, $"only {raw.Count} of {built.Count} mutants leak without the build: the mutants test too little");
    }

    private static Built Build(GatingMutant mutant)
    {
        var page = new Page(new SourceFile("m.md", "/m.md", mutant.Html)) { Url = "/m/", OutputPath = "m/index.html" };
        var reading = DocumentReader.Read(DocumentReader.Parse(Page(mutant.Html)), new AngleSharp.Dom.Url(Origin + "/m/"), "www.express.no");
        var problems = new List<PageProblem>();
        var edits = new PageEdits();
        Gating.Apply(reading, page, problems, edits);
        if (problems.Count > 0) return new Built(mutant, Outcome.Refused, "");
        if (!edits.Any) return new Built(mutant, Outcome.Unchanged, mutant.Html);
        using var document = DocumentReader.ParseDom(Page(mutant.Html));
        edits.ApplyTo(document, reading);
        return new Built(mutant, Outcome.Gated, document.Body!.InnerHtml);
    }

    private static string Page(string body) => $"<!DOCTYPE html>\n<html lang=\"nb\"><head><title>Mutanter</title></head>\n<body>\n{body}\n</body></html>";

    /// <summary>Visits the bodies, <see cref="PerPage"/> to a page, each page in a fresh context (several at once); returns what reached another host or stored something.</summary>
    private async Task<List<string>> VisitAsync(IReadOnlyList<Built> bodies, bool withCsp)
    {
        var chunks = bodies.Chunk(PerPage).ToList();
        var pages = chunks.Select(chunk => Page(string.Join("\n", chunk.Select(b => b.Body)))).Select(html => (html, withCsp ? Csp(html) : null)).ToList();
        var visits = await PageVisit.VisitAllAsync(browser.Browser, pages);
        var leaks = new List<string>();
        foreach (var (chunk, visit) in chunks.Zip(visits))
        {
            foreach (var url in visit.Requests)
                leaks.Add($"{url} from {chunk.FirstOrDefault(b => b.Mutant.Id == GatingMutants.IdIn(url))?.Mutant.ToString() ?? "an unknown mutant"}");
            if (visit.StoredOrNavigated) leaks.Add($"cookies, storage or a navigation on the page of mutants {chunk[0].Mutant.Id}–{chunk[^1].Mutant.Id}");
        }
        return leaks;
    }

    /// <summary>The policy the build would write for this page.</summary>
    internal static string Csp(string html)
    {
        var document = DocumentReader.Parse(html);
        var scan = PageScanner.Scan(DocumentReader.Read(document, new AngleSharp.Dom.Url(Origin + "/m/"), "www.express.no"));
        return ContentSecurityPolicy.For(GoldenPrivacy.Gating, scan.InlineScripts.Where(s => s.NeedsHash || s.ConsentVendor is not null).Select(s => s.Text),
            scan.InlineStyles.Select(s => s.Text)).ToString();
    }
}
