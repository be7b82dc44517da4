using System.Text.Json;
using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The compliance audit over the real site (nothing to find, evidence written) and over copies of it with one
/// deliberate leak each, which must be caught with the right message.
/// </summary>
[Collection(WaitingBrowserCollection.Name)]
public sealed class AuditTests(BrowserFixture browser) : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();

    public void Dispose() => _site.Dispose();

    private void Build()
    {
        _site.RunSuccessfully();
    }

    private Task<AuditResult> AuditAsync(string[] pages, params string[] states) =>
        new SiteAudit(browser.Browser, _site.Output) { Pages = pages, OnlyStates = states.ToHashSet() }.RunAsync();

    private async Task<IReadOnlyList<string>> PagesToVisitAsync()
    {
        using var server = SiteAudit.Serve(_site.Output);
        return await SiteAudit.PagesToVisitAsync(server.Origin, _site.Output);
    }

    /// <summary>Changes a built page behind the generator's back, as a bug in it might.</summary>
    private void Tamper(string page, string before, string after) =>
        File.WriteAllText(Path.Combine(_site.Output, page), File.ReadAllText(Path.Combine(_site.Output, page)).Replace(before, after));

    [Fact]
    public async Task The_real_site_passes_every_state_and_leaves_evidence()
    {
        Build();
        var report = Path.Combine(_site.Root, "report");
        var result = await new SiteAudit(browser.Browser, _site.Output) { ScreenshotDir = report }.RunAsync();
        AuditReport.Write(result, report, _site.Theme);

        Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings));
        Assert.Equal(["fresh", "rejected", "gpc", "only-marketing", "only-statistics", "accepted", "withdrawn"], result.States.Select(s => s.Name));
        Assert.Contains("/personvern/", result.Pages);
        Assert.Contains("/stillinger/selger/", result.Pages);
        Assert.Equal(await PagesToVisitAsync(), result.Pages);
        // Documents no link leads to as a page are visited too: the favicon is an SVG, which can carry a script.
        Assert.Contains(result.Pages, p => p.StartsWith("/assets/img/favicon.", StringComparison.Ordinal) && p.EndsWith(".svg", StringComparison.Ordinal));
        // The audit did see the tags run where consent allowed them, so a clean result means something.
        Assert.Contains(result.Observations, o => o.State == "accepted" && o.Requests.Any(r => r.Host == "www.facebook.com"));
        Assert.Contains(result.Observations, o => o.State == "only-statistics" && o.Cookies.Any(c => c.Name == "_ga" && c.SetBy?.Contains("googletagmanager") == true));
        Assert.DoesNotContain(result.Observations, o => o.State is "fresh" or "rejected" && (o.Cookies.Any(c => c.Name != Visitor.ConsentCookie) || o.Requests.Count > 0));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
        Assert.Equal(result.Revision, json.RootElement.GetProperty("revision").GetString());
        Assert.Equal(result.Observations.Count, json.RootElement.GetProperty("observations").GetArrayLength());
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("Ingen avvik", html);
        Assert.Contains(result.Revision, html);
        Assert.True(new FileInfo(Path.Combine(report, "banner.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(report, "center.png")).Length > 1000);
    }

    /// <summary>
    /// A document no page links to still loads for whoever has its address: it is among the pages the audit visits
    /// (the real site's audit above shows that those are the pages it visits), and a leak on it is caught.
    /// </summary>
    [Fact]
    public async Task A_document_no_page_links_to_is_visited_too()
    {
        Build();
        File.WriteAllText(Path.Combine(_site.Output, "gammel.htm"), "<!DOCTYPE html><title>Gammel</title><img src=\"https://www.facebook.com/tr?id=1\" alt=\"\">");

        var pages = await PagesToVisitAsync();
        Assert.Contains("/gammel.htm", pages);
        Assert.Contains("/kontakt/takk/", pages);
        Assert.Equal(pages.Distinct(StringComparer.Ordinal), pages);

        var result = await AuditAsync(["/gammel.htm"], "fresh");
        Assert.Contains(result.Findings, f => f.Page == "/gammel.htm" && f.ToString().Contains("www.facebook.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ungated_google_tag_is_caught_before_consent()
    {
        Build();
        Tamper("index.html", "</head>", "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-LEAK\"></script>\n</head>");
        var result = await AuditAsync(["/"], "fresh");
        var finding = Assert.Single(result.Findings, f => f.What.StartsWith("a request to www.googletagmanager.com", StringComparison.Ordinal));
        Assert.Equal(("/", "fresh"), (finding.Page, finding.State));
        Assert.Equal("Google Analytics (statistics) runs without consent to statistics", finding.Why);
    }

    [Fact]
    public async Task A_pixel_injected_late_by_a_script_is_caught()
    {
        Build();
        File.WriteAllText(Path.Combine(_site.Output, "assets", "late.js"),
            "setTimeout(function () { new Image().src = 'https://www.facebook.com/tr?id=1&ev=PageView'; }, 400);");
        Tamper("om-oss/index.html", "</head>", "<script src=\"/assets/late.js\" defer></script>\n</head>");
        var result = await AuditAsync(["/om-oss/"], "rejected");
        Assert.Equal(
            [
                "/om-oss/ [rejected]: a request to www.facebook.com (https://www.facebook.com/tr?id=1&ev=PageView): Meta Pixel (Facebook) (marketing) runs without consent to marketing",
                "/om-oss/ [rejected]: the cookie fr on .facebook.com: Meta Pixel (Facebook)'s cookie is stored without consent to marketing", // the pixel's answer sets it
            ],
            result.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public async Task An_undeclared_cookie_set_by_a_declared_vendor_is_caught()
    {
        _site.Replace("input/_data/privacy.yml", "      - name: _ga_*\n", "      - name: _ga_ignored_*\n");
        Build();
        var result = await AuditAsync(["/"], "accepted");
        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("the cookie _ga_XXXXXXXXXX on 127.0.0.1, set by https://www.googletagmanager.com/gtag/js", finding.What);
        Assert.Equal("the cookie declaration does not list it", finding.Why);
    }

    [Fact]
    public async Task A_cookie_that_outlives_its_declared_lifetime_is_caught()
    {
        _site.Replace("input/_data/privacy.yml", "name: _fbp\n        party: first\n        lifetime: 90 days", "name: _fbp\n        party: first\n        lifetime: 30 days");
        Build();
        var result = await AuditAsync(["/"], "accepted");
        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("the cookie _fbp on 127.0.0.1, set by https://connect.facebook.net/", finding.What);
        Assert.EndsWith("lives 90 days", finding.What);
        Assert.Equal("the declaration says 30 days", finding.Why);
    }

    [Fact]
    public async Task A_form_missing_from_the_retention_table_is_caught()
    {
        Build();
        Tamper("om-oss/index.html", "</main>", "<form name=\"nyhetsbrev\" method=\"post\"><label>E-post <input name=\"epost\"></label></form>\n</main>");
        var result = await AuditAsync(["/om-oss/", "/personvern/"], "fresh");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("/om-oss/ [fresh]: the form 'nyhetsbrev': the privacy statement's retention table does not list it (rule 17)", finding.ToString());
    }
}
