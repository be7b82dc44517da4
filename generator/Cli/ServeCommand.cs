using System.Runtime.InteropServices;
using Express.Site.Core;
using Express.Site.Serving;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>The serve command: the <see cref="PreviewServer"/> until Ctrl+C (or SIGTERM).</summary>
public static class ServeCommand
{
    public static int Run(CommandLine command, IAnsiConsole console)
    {
        var options = BuildOptions.FromArguments(command.Option("--input"), command.Option("--theme"), command.Option("--output"));
        var port = PreviewServer.DefaultPort;
        if (command.Option("--port") is { } text && (!int.TryParse(text, out port) || port is < 1 or > 65535))
            throw new FormatException($"option '--port' must be a number from 1 to 65535, not '{text}'");

        var reporter = new ConsoleReporter(console);
        using var stop = new ManualResetEventSlim();
        console.MarkupLineInterpolated($"Building [bold]{options.InputDir}[/] with theme [bold]{options.Display(options.ThemeDir)}[/]");
        using var preview = new PreviewServer(options, command.DateOption("--date"), line => console.WriteLine(line), reporter.PrintDiagnostics);
        try
        {
            preview.Start(port);
        }
        catch (InvalidOperationException e)
        {
            console.WriteLine($"express-site: {e.Message}");
            return 1;
        }
        console.MarkupLineInterpolated($"Serving [bold]{preview.Origin}/[/] and watching {options.Display(options.InputDir)}/ and {options.Display(options.ThemeDir)}/ (Ctrl+C stops).");

        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop cleanly below instead of being killed
            stop.Set();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Set();
        });
        stop.Wait();
        console.WriteLine("Stopped.");
        return 0;
    }
}
