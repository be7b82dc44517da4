using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Express.Site.Core;
using Express.Site.Serving;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>
/// The command-line program, with System.CommandLine: the commands and their options, help (--help, for the tool
/// and each command), --version and suggestions for misspelled commands and options. Exit codes: 0 success (and
/// help), 1 the build failed or the audit found something, 2 wrong usage, 3 the audit could not run.
/// </summary>
public static class App
{
    public const int WrongUsage = 2;

    private static readonly Option<string?> Input = new("--input") { Description = "the content folder (default: input)", HelpName = "DIR" };
    private static readonly Option<string?> Theme = new("--theme") { Description = "the theme folder (default: themes/express)", HelpName = "DIR" };
    private static readonly Option<string?> Output = new("--output") { Description = "where the site is written (default: output); replaced only when the build succeeds", HelpName = "DIR" };

    private static readonly Option<DateTime?> Date = new("--date")
    {
        Description = "build as if today were this date (to preview expiry of pages and job ads)",
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
                return date;
            result.AddError($"option '--date' must be a date like 2026-12-31, not '{text}'");
            return null;
        },
    };

    public static int Run(IReadOnlyList<string> args, IAnsiConsole console)
    {
        // In logs (CI), one message per line reads and greps better than text wrapped at 80 columns.
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 250);
        var result = CreateRoot(console).Parse([.. args]);
        var writer = console.Profile.Out.Writer;
        var code = result.Invoke(new InvocationConfiguration { Output = writer, Error = writer, EnableDefaultExceptionHandler = false });
        return result.Errors.Count > 0 ? WrongUsage : code;
    }

    private static RootCommand CreateRoot(IAnsiConsole console)
    {
        var port = new Option<int>("--port")
        {
            Description = "the port to serve on", HelpName = "N", DefaultValueFactory = _ => PreviewServer.DefaultPort,
            CustomParser = result => Number(result, "--port", 1, 65535),
        };
        var auditOutput = new Option<string?>("--output") { Description = "the built site to audit (default: output)", HelpName = "DIR" };
        var report = new Option<string?>("--report") { Description = "where report.json, index.html and screenshots are written (default: audit-report)", HelpName = "DIR" };
        var page = new Option<string>("--page") { Description = "the Markdown file of the input to edit between rebuilds", HelpName = "FILE", Required = true };
        var runs = new Option<int>("--runs")
        {
            Description = "how many full builds (and ten times as many rebuilds)", HelpName = "N", DefaultValueFactory = _ => 5,
            CustomParser = result => Number(result, "--runs", 1, int.MaxValue),
        };

        var build = new Command("build", "Build the site into the output folder.") { Input, Theme, Output, Date };
        build.SetAction(parsed => Build(Options(parsed), console));

        var serve = new Command("serve", "Build, serve on 127.0.0.1 with live reload, and rebuild on every change (Ctrl+C stops).") { Input, Theme, Output, Date, port };
        serve.SetAction(parsed => ServeCommand.Run(Options(parsed), parsed.GetValue(Date), parsed.GetValue(port), console));

        var audit = new Command("audit", "Visit the built site in Chromium in every consent state and report anything stored or sent without consent "
                                         + "or missing from the declaration (exit code 1 when there is).") { auditOutput, report, Theme };
        audit.SetAction(parsed => AuditCommand.Run(parsed.GetValue(auditOutput) ?? "output", parsed.GetValue(report) ?? "audit-report",
            parsed.GetValue(Theme) ?? Path.Combine("themes", "express"), console));

        var bench = new Command("bench-rebuild", "Measure full builds against the preview's rebuild after one page's edit.") { Input, Theme, Output, page, runs };
        bench.SetAction(parsed => RebuildBenchCommand.Run(Options(parsed), parsed.GetValue(page)!, parsed.GetValue(runs), console));

        return new RootCommand("express-site: builds, previews and audits the site.") { build, serve, audit, bench };
    }

    private static int Number(ArgumentResult result, string option, int min, int max)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        result.AddError(max == int.MaxValue ? $"option '{option}' must be a number from {min} up, not '{text}'" : $"option '{option}' must be a number from {min} to {max}, not '{text}'");
        return 0;
    }

    private static BuildOptions Options(ParseResult parsed) =>
        BuildOptions.FromArguments(parsed.GetValue(Input), parsed.GetValue(Theme), parsed.GetValue(Output), parsed.GetValue(Date));

    private static int Build(BuildOptions options, IAnsiConsole console)
    {
        Warmup.Start();
        var reporter = new ConsoleReporter(console);
        console.MarkupLineInterpolated($"Building [bold]{options.InputDir}[/] with theme [bold]{options.Display(options.ThemeDir)}[/]");
        var clock = Stopwatch.StartNew();
        try
        {
            var (site, warnings) = reporter.Run(() => SiteBuilder.Build(options, reporter));
            reporter.PrintDiagnostics(warnings);
            var warned = warnings.Count > 0 ? $", {warnings.Count} warning(s)" : "";
            console.MarkupLineInterpolated(
                $"[green]Built[/] {site.Pages.Length} pages and {site.Files.Length} other files into {options.OutputDir} in {clock.Elapsed.TotalSeconds:0.00} s{warned}.");
            return 0;
        }
        catch (BuildFailedException e)
        {
            reporter.PrintDiagnostics(e.Errors);
            console.MarkupLineInterpolated($"[red]The build failed[/] with {e.Errors.Count} error(s); {options.OutputDir} was not changed.");
            return 1;
        }
    }
}
