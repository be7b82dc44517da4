using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// Each kind of bad input fails the build with exit code 1, one message that names file, line (and column) and a fix,
/// no stack trace, and the previous output exactly as it was.
/// The cases that are text are files of tests/Cases/bad-input (run by <see cref="CaseTests"/>). These stay here because
/// a case file cannot hold them: a file that is not UTF-8 (a case file is UTF-8 text), and symlinks (a case file holds
/// only regular files, and some of these point outside the site, to a path known only when the test runs).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly FixtureSite _site = new();
    private readonly IReadOnlyDictionary<string, string> _goodOutput;

    public BadInputTests()
    {
        _site.RunSuccessfully();
        _goodOutput = _site.OutputSnapshot();
    }

    public void Dispose() => _site.Dispose();

    private string FailingBuild()
    {
        var console = _site.RunExpectingCleanFailure(_goodOutput);
        Assert.Contains("The build failed with 1 error(s)", console);
        return console;
    }

    [Fact]
    public void File_that_is_not_utf8()
    {
        var latin1 = System.Text.Encoding.Latin1.GetBytes("---\ntitle: Kontakt\n---\nVi snakker norsk på kontoret.\n");
        File.WriteAllBytes(Path.Combine(_site.Input, "kontakt.md"), latin1);
        var console = FailingBuild();
        Assert.Contains("input/kontakt.md:4:19: error: the file is not UTF-8 text (byte 0xE5", console);
        Assert.Contains("save the file as UTF-8", console);
    }

    [Fact]
    public void Symlink_to_a_folder_outside_the_input()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_site.Root, "..", $"secrets-{Guid.NewGuid():N}")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(secrets, "server.key"), "PRIVATE KEY");
            File.CreateSymbolicLink(Path.Combine(_site.Input, "ssl"), secrets);
            var console = FailingBuild();
            Assert.Contains("input/ssl: error: this symlink points outside input, to ", console);
            Assert.Contains("files from outside the site are never published", console);
        }
        finally
        {
            Directory.Delete(secrets, recursive: true);
        }
    }

    [Fact]
    public void Symlink_to_a_markdown_file_outside_the_input()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.md");
        try
        {
            File.WriteAllText(outside, "---\ntitle: Utenfra\n---\nHemmelig.\n");
            File.CreateSymbolicLink(Path.Combine(_site.Input, "utenfra.md"), outside);
            Assert.Contains("input/utenfra.md: error: this symlink points outside input", FailingBuild());
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Dangling_symlink()
    {
        File.CreateSymbolicLink(Path.Combine(_site.Input, "borte.pdf"), "finnes-ikke.pdf");
        Assert.Contains("input/borte.pdf: error: this symlink points to 'finnes-ikke.pdf', which does not exist", FailingBuild());
    }

    [Fact]
    public void Symlink_loop_to_a_parent_folder()
    {
        File.CreateSymbolicLink(Path.Combine(_site.Input, "stillinger", "igjen"), "..");
        Assert.Contains("input/stillinger/igjen: error: this symlink to '..' forms a loop", FailingBuild());
    }

    [Fact]
    public void Symlink_that_points_to_itself()
    {
        File.CreateSymbolicLink(Path.Combine(_site.Input, "selv.md"), "selv.md");
        Assert.Contains("input/selv.md: error: this symlink to 'selv.md' forms a loop", FailingBuild());
    }

    [Fact]
    public void Symlink_in_the_theme_to_a_file_outside_it()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.html");
        try
        {
            File.WriteAllText(outside, "<p>utenfra</p>");
            File.CreateSymbolicLink(Path.Combine(_site.Theme, "partials", "utenfra.html"), outside);
            Assert.Contains("theme/partials/utenfra.html: error: this symlink points outside theme", FailingBuild());
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
