using System.Diagnostics;
using System.Net.Sockets;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// Failures of the file system, not of the input: each is a clear error with exit code 1 and no stack trace, the
/// previous output stays as it was, and whatever a failed or killed build leaves beside the output is cleaned up by
/// the next build. The tests run as root in CI, where permissions stop nothing, so each failure is made real in a way
/// that also stops root: a socket where a file is read, a name longer than the file system allows, an immutable folder.
/// </summary>
public sealed class FileSystemFailureTests : IDisposable
{
    private readonly FixtureSite _site = new();
    private readonly IReadOnlyDictionary<string, string> _goodOutput;

    public FileSystemFailureTests()
    {
        _site.RunSuccessfully();
        _goodOutput = _site.OutputSnapshot();
    }

    public void Dispose() => _site.Dispose();

    private string FailingBuild()
    {
        var console = _site.RunExpectingCleanFailure(_goodOutput);
        return console;
    }

    [Fact]
    public void A_theme_file_that_cannot_be_read_is_an_error_naming_it()
    {
        // A socket cannot be opened as a file, not even by root. The assets are read in parallel: the error used to
        // escape as an AggregateException.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(_site.Theme, "assets", "css", "print.css")));
        Assert.Contains("theme/assets/css/print.css: error: cannot read or write theme/assets/css/print.css", FailingBuild());
    }

    [Fact]
    public void A_missing_settings_file_says_which_file_to_create()
    {
        File.Delete(Path.Combine(_site.Input, "_data", "site.yml"));
        Assert.Contains("input/_data/site.yml: error: the site's settings file is missing", FailingBuild());
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_fails_the_build_without_touching_the_output()
    {
        // A file name of 300 bytes is more than any Linux file system allows (255).
        _site.Write("input/lang.md", $"---\ntitle: Lang\ndescription: Et for langt filnavn.\npermalink: /{new string('a', 300)}.html\n---\nTekst.\n");
        Assert.Contains("error: cannot write the output", FailingBuild());
    }

    [Fact]
    public void A_previous_output_that_cannot_be_deleted_is_an_error_and_stays_as_it_was()
    {
        var folder = Path.Combine(_site.Output, "assets");
        using (Undeletable(folder, _site.Root))
        {
            _site.Write("input/kontakt.md", "---\ntitle: Kontakt oss\ndescription: Contact us.\nnav: 1\nowner: Kari\n---\nSpør {{ page.owner }}.\n");
            var console = FailingBuild();
            Assert.Contains("the previous output cannot be replaced: nothing can be deleted in output/assets", console);
        }
        var (code, _) = _site.Run();
        Assert.Equal(0, code);
        Assert.Contains("Kontakt oss", _site.ReadOutput("kontakt/index.html"));
        Assert.Equal(["input", "output", "theme"], _site.TopLevelEntries());
    }

    [Fact]
    public void Folders_a_killed_build_left_are_removed_by_the_next_build()
    {
        _site.Write($"output.new-{Guid.NewGuid():N}/kontakt/index.html", "halvferdig");
        FixtureSite.CopyFolder(_site.Output, Path.Combine(_site.Root, $"output.old-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path.Combine(_site.Root, "output.notes")); // not the build's: kept

        var (code, console) = _site.Run();

        Assert.True(code == 0, console);
        Assert.Equal(["input", "output", "output.notes", "theme"], _site.TopLevelEntries());
        Assert.Equal(_goodOutput, _site.OutputSnapshot());
    }

    [Fact]
    public void A_build_killed_between_the_two_renames_of_the_swap_gets_the_previous_output_back()
    {
        // The output was renamed away, the new site not yet renamed in: the next build puts the previous one back,
        // so that a failing build still leaves the last good site.
        Directory.Move(_site.Output, Path.Combine(_site.Root, $"output.old-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path.Combine(_site.Root, $"output.new-{Guid.NewGuid():N}"));
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\ndescription: [unclosed\n---\nHei.\n");
        FailingBuild();
    }

    [Fact]
    public void A_build_killed_while_writing_leaves_a_staging_folder_that_the_next_build_removes()
    {
        for (var i = 0; i < 3000; i++)
            _site.Write($"input/mange/side-{i:0000}.md", $"---\ntitle: Side {i}\ndescription: Side nummer {i}.\n---\n## Side {i}\n\nTekst til side {i}.\n");
        var build = Process.Start(new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "express-site.dll"), "build", "--input", _site.Input, "--theme", _site.Theme,
            "--output", _site.Output, "--date", "2026-11-25",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var staging = (string?)null;
        var clock = Stopwatch.StartNew();
        while ((staging = Directory.EnumerateDirectories(_site.Root, "output.new-*").FirstOrDefault()) is null
               && !build.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(2); // polls for the condition; leaves the cores to the build
        Assert.True(staging is not null, "the build never began to write");
        build.Kill(); // SIGKILL: nothing in the process runs after it
        build.WaitForExit();
        Assert.True(Directory.Exists(staging), "the build finished before it could be killed");

        var (code, console) = _site.Run();

        Assert.True(code == 0, console);
        Assert.Equal(["input", "output", "theme"], _site.TopLevelEntries());
        Assert.True(_site.OutputExists("mange/side-2999/index.html"));
    }

    /// <summary>
    /// Makes <paramref name="folder"/> a folder nothing can be deleted from until disposed: immutable (chattr +i)
    /// when running as root, whom permissions do not stop; read-only (chmod 555) otherwise. Disposing undoes it for
    /// everything under <paramref name="root"/> (a build may have moved the folder).
    /// </summary>
    private static IDisposable Undeletable(string folder, string root)
    {
        var asRoot = Environment.UserName == "root";
        Run(asRoot ? "chattr" : "chmod", asRoot ? "+i" : "555", folder);
        var probe = Path.Combine(folder, "probe");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            Assert.Fail($"{folder} is still writable after {(asRoot ? "chattr +i" : "chmod 555")}: the file system does not support it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return new Restore(() => Run(asRoot ? "chattr" : "chmod", "-R", asRoot ? "-i" : "u+rwX", root));
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
