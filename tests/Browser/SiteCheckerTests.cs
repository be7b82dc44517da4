using System.Globalization;
using System.Text;
using Xunit.Abstractions;
using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The independent checkers a visitor's tools would run, over every page of the real site in Chromium, fresh and
/// after "Avvis alle" (see <see cref="SiteSurvey"/>): no layout shift at any width, axe-core with best practices
/// finds nothing, the Nu HTML Checker finds no error, and nothing is requested from another host.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteCheckerTests(BrowserFixture browser, SurveyedSite site, ITestOutputHelper output) : IClassFixture<SurveyedSite>
{
    private Task<SiteSurvey> SurveyAsync() => site.SurveyAsync(browser);

    [Fact]
    public async Task Every_page_is_surveyed_in_both_states_at_every_width()
    {
        var survey = await SurveyAsync();
        Assert.Contains("/", survey.Paths);
        Assert.Contains("/kontakt/takk/", survey.Paths);
        Assert.Contains("/404.html", survey.Paths);
        Assert.True(survey.Paths.Count >= 12, string.Join(", ", survey.Paths));
        Assert.Equal(survey.Paths.Count * SiteSurvey.States.Length * SiteSurvey.Viewports.Length, survey.Shifts.Count);
        output.WriteLine($"survey of {survey.Paths.Count} pages × {SiteSurvey.States.Length} states × {SiteSurvey.Viewports.Length} widths: {survey.Took.TotalSeconds:0.0} s (axe ran for {survey.AxeTook.TotalSeconds:0.0} s summed over the visitors at once)");
    }

    [Fact]
    public async Task The_banner_shifts_nothing_on_any_page_at_any_width()
    {
        var survey = await SurveyAsync();
        var report = new StringBuilder();
        foreach (var s in survey.Shifts.OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.State).ThenBy(s => s.Width))
            if (s.Cls > 0) report.AppendLine(CultureInfo.InvariantCulture, $"{s.Path} [{s.State}] {s.Width} px: CLS {s.Cls:0.0000} ({s.Sources})");
        output.WriteLine(report.Length == 0 ? "CLS 0 everywhere" : report.ToString());
        Assert.True(report.Length == 0, report.ToString());
    }

    [Fact]
    public async Task Axe_finds_no_violation_with_best_practices_on_any_page()
    {
        var survey = await SurveyAsync();
        var findings = survey.Axe.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.State)
            .Select(f => $"{f.Path} [{f.State}] {f.Rule} ({f.Impact}): {f.Help} — {f.Nodes}").ToList();
        output.WriteLine($"axe ({string.Join(", ", SiteSurvey.AxeTags)}): {findings.Count} violations; {survey.AxePasses.Values.Sum()} passes");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(survey.Paths.Count * SiteSurvey.States.Length, survey.AxePasses.Count);
        Assert.All(survey.AxePasses, p => Assert.True(p.Value > 10, $"{p.Key}: axe passed only {p.Value} rules"));
    }

    [Fact]
    public async Task No_page_requests_anything_from_another_host_or_violates_its_policy_before_consent_or_after_rejection()
    {
        var survey = await SurveyAsync();
        Assert.True(survey.ThirdPartyRequests.IsEmpty, string.Join("\n", survey.ThirdPartyRequests));
        Assert.True(survey.CspViolations.IsEmpty, string.Join("\n", survey.CspViolations));
    }

    [Fact]
    public async Task The_nu_html_checker_finds_no_error_in_the_built_pages_or_in_the_dom_of_either_state()
    {
        var survey = await SurveyAsync();
        var folder = Path.Combine(site.Site.Root, "dom");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var page in site.Site.OutputPages()) files.Add(Path.Combine(site.Site.Output, page));
        var names = new Dictionary<string, string>();
        foreach (var (key, html) in survey.Dom)
        {
            var file = Path.Combine(folder, $"{names.Count:00}.html");
            names[file] = key;
            File.WriteAllText(file, html);
            files.Add(file);
        }
        Assert.Equal(survey.Paths.Count * 2, survey.Dom.Count);

        var errors = NuChecker.Errors(files)
            .Select(e => $"{(names.TryGetValue(e.File, out var k) ? "DOM of " + k : e.File)}:{e.Line}: {e.Text} «{e.Extract.Trim()}»")
            .ToList();
        output.WriteLine($"Nu HTML Checker over {files.Count} documents: {errors.Count} errors");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
