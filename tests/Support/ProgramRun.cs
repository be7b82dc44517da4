using System.Diagnostics;

namespace Express.Site.Tests.Support;

/// <summary>Runs a program to its end, reading what it prints on both streams at once (so neither fills up and stalls it).</summary>
public static class ProgramRun
{
    /// <returns>the exit code, and the standard output followed by the standard error.</returns>
    public static (int ExitCode, string Printed) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
