using Express.Site.Audit;
using Microsoft.Playwright;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>The audit command: runs the <see cref="SiteAudit"/> in a headless Chromium, prints the findings, writes the report.</summary>
public static class AuditCommand
{
    public const int CannotRun = 3;

    /// <param name="theme">the theme whose audit/report.html renders the report for readers.</param>
    public static int Run(string outputDir, string reportDir, string theme, IAnsiConsole console)
    {
        var output = Path.GetFullPath(outputDir);
        var report = Path.GetFullPath(reportDir);
        if (!File.Exists(Path.Combine(output, "index.html")))
        {
            console.WriteLine($"express-site: there is no built site in {output}; run 'build' first");
            return CannotRun;
        }
        try
        {
            return RunAsync(output, report, Path.GetFullPath(theme), console).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or PlaywrightException)
        {
            console.WriteLine($"express-site: the audit could not run: {e.Message}");
            return CannotRun;
        }
    }

    private static async Task<int> RunAsync(string output, string report, string theme, IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"Auditing [bold]{output}[/] in Chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumLauncher.LaunchAsync(playwright);
        var audit = new SiteAudit(browser, output)
        {
            Progress = line => console.WriteLine("  " + line),
            ScreenshotDir = report,
        };
        var result = await audit.RunAsync();
        AuditReport.Write(result, report, theme);
        foreach (var finding in result.Findings) console.WriteLine(finding.ToString());
        var summary = $"{result.Pages.Count} pages in {result.States.Count} consent states in {result.Duration.TotalSeconds:0.0} s; report in {report}";
        if (result.Findings.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]No findings:[/] {summary}.");
            return 0;
        }
        console.MarkupLineInterpolated($"[red]{result.Findings.Count} finding(s):[/] {summary}.");
        return 1;
    }
}
