using System.Diagnostics;
using Express.Site.Core;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>The command-line program: parses the arguments, runs the command, returns the exit code
/// (0 success, 1 the build failed or the audit found something, 2 wrong usage, 3 the audit could not run).</summary>
public static class App
{
    public static int Run(IReadOnlyList<string> args, IAnsiConsole console)
    {
        // In logs (CI), one message per line reads and greps better than text wrapped at 80 columns.
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 250);
        try
        {
            var command = CommandLine.Parse(args);
            return command.Command switch
            {
                "build" => Build(command, console),
                "audit" => AuditCommand.Run(command, console),
                "serve" => ServeCommand.Run(command, console),
                "bench-rebuild" => RebuildBenchCommand.Run(command, console),
                _ => throw new FormatException($"unknown command '{command.Command}'"),
            };
        }
        catch (FormatException e)
        {
            console.WriteLine($"express-site: {e.Message}");
            console.WriteLine();
            console.WriteLine(CommandLine.Usage);
            return 2;
        }
    }

    private static int Build(CommandLine command, IAnsiConsole console)
    {
        var options = BuildOptions.FromArguments(command.Option("--input"), command.Option("--theme"), command.Option("--output"), command.DateOption("--date"));
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
