using System.Text;
using Express.Site.Cli;
using Express.Site.Core;
using Spectre.Console;

namespace Express.Site.Tests.Support;

/// <summary>
/// A copy of a fixture site (tests/Fixtures/NAME: input/ and theme/) in a temporary folder, to change and build.
/// Deleted on dispose.
/// </summary>
public sealed class FixtureSite : IDisposable
{
    /// <summary>The date the fixture builds are made on, so expiry is reproducible.</summary>
    public static readonly DateTime Today = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    public string Root { get; }
    public string Input => Path.Combine(Root, "input");
    public string Theme => Path.Combine(Root, "theme");
    public string Output => Path.Combine(Root, "output");

    public FixtureSite(string name = "minimal")
    {
        Root = Path.Combine(Path.GetTempPath(), $"express-site-test-{Guid.NewGuid():N}");
        CopyFolder(Path.Combine(Paths.Fixtures, name), Root);
    }

    /// <summary>The real site: input/ and themes/express/.</summary>
    public static FixtureSite RealSite() => WithRealTheme(Path.Combine(Paths.Repository, "input"));

    /// <summary>The small privacy declaration of tests/Golden/privacy with the real theme.</summary>
    public static FixtureSite PrivacySite() => WithRealTheme(Path.Combine(Paths.Golden, "privacy", "input"));

    private static FixtureSite WithRealTheme(string input)
    {
        var site = new FixtureSite("minimal");
        Directory.Delete(site.Input, true);
        Directory.Delete(site.Theme, true);
        CopyFolder(input, site.Input);
        CopyFolder(Path.Combine(Paths.Repository, "themes", "express"), site.Theme);
        return site;
    }

    public BuildOptions Options => new(Input, Theme, Output, Today);

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public void Replace(string relativePath, string oldText, string newText)
    {
        var text = File.ReadAllText(Path.Combine(Root, relativePath));
        Assert.Contains(oldText, text);
        Write(relativePath, text.Replace(oldText, newText));
    }

    public string ReadOutput(string relativePath) => File.ReadAllText(Path.Combine(Output, relativePath));

    public bool OutputExists(string relativePath) => File.Exists(Path.Combine(Output, relativePath));

    /// <summary>Builds in-process; throws <see cref="BuildFailedException"/> on input errors.</summary>
    public (Pipeline.SiteState Site, IReadOnlyList<Diagnostic> Warnings) Build(Action<Pipeline.IBuildStep, Pipeline.SiteState>? afterStep = null) =>
        SiteBuilder.Build(Options, afterStep: afterStep);

    /// <summary>Runs the command line as a user would and asserts that the build succeeded; returns everything printed.</summary>
    public string RunSuccessfully(params string[] extraArgs)
    {
        var (code, console) = Run(extraArgs);
        Assert.True(code == 0, $"the build failed with exit code {code}:\n{console}");
        return console;
    }

    /// <summary>Runs the command line as a user would, returning the exit code and everything printed.</summary>
    public (int ExitCode, string Console) Run(params string[] extraArgs)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        var code = App.Run(BuildArguments(extraArgs), console);
        return (code, writer.ToString());
    }

    /// <summary>Runs <paramref name="executable"/> (the release build) with the arguments <see cref="Run"/> gives
    /// the command line, returning its exit code and everything it printed.</summary>
    public (int ExitCode, string Console) RunExecutable(string executable, params string[] extraArgs) =>
        ProgramRun.Run(executable, BuildArguments(extraArgs));

    private string[] BuildArguments(string[] extraArgs) => ["build", "--input", Input, "--theme", Theme, "--output", Output, "--date", "2026-11-25", .. extraArgs];

    /// <summary>The HTML pages of the output (relative paths), without the HTML fragments under assets/ (the privacy center).</summary>
    /// <summary>Builds, expecting a clean failure: exit code 1, no stack trace, a fix, the output exactly as
    /// <paramref name="previousOutput"/> and nothing left beside it. Returns what the build printed.</summary>
    public string RunExpectingCleanFailure(IReadOnlyDictionary<string, string> previousOutput)
    {
        var (code, console) = Run();
        Assert.True(code == 1, console);
        Assert.DoesNotContain("   at ", console); // no stack trace
        Assert.DoesNotContain("Exception", console);
        Assert.Contains("fix:", console);
        Assert.Equal(previousOutput, OutputSnapshot());
        Assert.Equal(["input", "output", "theme"], TopLevelEntries());
        return console;
    }

    public IEnumerable<string> OutputPages() => Directory.EnumerateFiles(Output, "*.html", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Output, f))
        .Where(f => !f.StartsWith("assets" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>A snapshot of every output file and its bytes, to prove a failed build changed nothing.</summary>
    public IReadOnlyDictionary<string, string> OutputSnapshot() => Directory.Exists(Output)
        ? Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Output, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
        : new Dictionary<string, string>();

    /// <summary>The names in the fixture's folder: a build must leave no temporary folders behind.</summary>
    public string[] TopLevelEntries() => Directory.GetFileSystemEntries(Root).Select(e => Path.GetFileName(e)!).Order().ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
