using System.Runtime.CompilerServices;
using Express.Site.Audit;
using Express.Site.Core;
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
        if (!RuntimeFeature.IsDynamicCodeSupported)
            return CannotRunBecause(console, Diagnostic.Error(new SourceLocation("(audit)"),
                "the audit cannot run in the release build compiled ahead of time (Native AOT): Playwright, which drives Chromium, reads its callers' stack frames and serializes by reflection, which that build leaves out",
                "run it from the project, as CI does: dotnet run --project generator -c Release -- audit"));
        var output = Path.GetFullPath(outputDir);
        var report = Path.GetFullPath(reportDir);
        if (!File.Exists(Path.Combine(output, "index.html")))
            return CannotRunBecause(console, Diagnostic.Error(new SourceLocation(output), "there is no built site here to audit",
                "run 'express-site build' first, or give the folder it builds into with --output"));
        try
        {
            return RunAsync(output, report, Path.GetFullPath(theme), console).GetAwaiter().GetResult();
        }
        catch (SiteException e)
        {
            return CannotRunBecause(console, e.Diagnostic);
        }
        catch (PlaywrightException e)
        {
            return CannotRunBecause(console, Diagnostic.Error(new SourceLocation("(audit)"), $"the browser failed: {e.Message.Split('\n')[0]}",
                "check that Chromium starts on this machine: chromium-headless-shell --no-sandbox --dump-dom about:blank (or chromium --headless ...)"));
        }
        catch (IOException e)
        {
            return CannotRunBecause(console, Diagnostic.Error(new SourceLocation(report), $"cannot write the audit report: {e.Message}",
                "check that the report folder is writable and the disk not full"));
        }
    }

    /// <summary>Anything that stops the audit from running is a diagnostic with a fix, and exit code 3.</summary>
    private static int CannotRunBecause(IAnsiConsole console, Diagnostic diagnostic)
    {
        console.WriteLine(diagnostic.ToString());
        console.MarkupLine("[red]The audit could not run.[/]");
        return CannotRun;
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
