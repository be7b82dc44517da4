using System.Runtime.InteropServices;
using Express.Site.Core;
using Express.Site.Serving;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>The serve command: the <see cref="PreviewServer"/> until Ctrl+C (or SIGTERM).</summary>
public static class ServeCommand
{
    /// <param name="date">build as if today were this date; null: the real date at each rebuild.</param>
    public static int Run(BuildOptions options, DateTime? date, int port, IAnsiConsole console)
    {
        var reporter = new ConsoleReporter(console);
        using var stop = new ManualResetEventSlim();
        console.MarkupLineInterpolated($"Building [bold]{options.InputDir}[/] with theme [bold]{options.Display(options.ThemeDir)}[/]");
        using var preview = new PreviewServer(options, date, line => console.WriteLine(line), reporter.PrintDiagnostics);
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
