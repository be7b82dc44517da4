using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Only what looks like site content is published: backups, OS litter and unknown types stay out, with a warning.</summary>
public sealed class PublishedFilesTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public void Dispose() => _site.Dispose();

    [Theory]
    [InlineData("om-oss.md~", "an editor's backup")]
    [InlineData("kontakt.md.orig", "an editor's backup")]
    [InlineData("kontakt.md.bak", "an editor's backup")]
    [InlineData("kontakt.md.swp", "an editor's backup")]
    [InlineData("#kontakt.md#", "an editor's backup")]
    [InlineData("Thumbs.db", "a file the operating system made")]
    [InlineData("desktop.ini", "a file the operating system made")]
    [InlineData("gammel.htm", "an HTML page written by hand")]
    [InlineData("gammel.xhtml", "an HTML page written by hand")]
    [InlineData("stil.css", "'.css' files are published only from the theme's assets/ folder")]
    [InlineData("skript.js", "'.js' files are published only from the theme's assets/ folder")]
    [InlineData("notat.docx", "'.docx' is not a type the site publishes")]
    [InlineData("4913", "a file without a type")]
    public void A_file_that_is_not_content_is_left_out_with_a_warning(string name, string why)
    {
        _site.Write($"input/{name}", "secret draft");
        var console = _site.RunSuccessfully();
        Assert.Contains($"input/{name}: warning: not published: {why}", console);
        Assert.False(_site.OutputExists(name));
    }

    [Theory]
    [InlineData("dokumenter/prisliste.pdf")]
    [InlineData("bilder/kontor.jpg")]
    [InlineData("bilder/logo.svg")]
    [InlineData("site.webmanifest")]
    [InlineData("robots-note.txt")]
    public void Static_files_of_known_types_are_published_as_they_are(string path)
    {
        _site.Write($"input/{path}", "innhold");
        var console = _site.RunSuccessfully();
        Assert.Equal("innhold", _site.ReadOutput(path));
        Assert.DoesNotContain("warning: not published", console);
    }

    [Fact]
    public void A_backup_in_the_theme_assets_is_not_published()
    {
        _site.Write("theme/assets/css/site.css~", "old");
        var console = _site.RunSuccessfully();
        Assert.Contains("theme/assets/css/site.css~: warning: not published: an editor's backup", console);
        Assert.DoesNotContain("site.css~", string.Join("\n", Directory.EnumerateFiles(_site.Output, "*", SearchOption.AllDirectories)));
    }

    [Fact]
    public void Symlinks_inside_the_input_are_followed()
    {
        _site.Write("input/dokumenter/prisliste.pdf", "pdf");
        File.CreateSymbolicLink(Path.Combine(_site.Input, "priser.pdf"), "dokumenter/prisliste.pdf");
        File.CreateSymbolicLink(Path.Combine(_site.Input, "arkiv"), "dokumenter");
        File.CreateSymbolicLink(Path.Combine(_site.Input, "om.md"), "om-oss.md");
        _site.RunSuccessfully();
        Assert.Equal("pdf", _site.ReadOutput("priser.pdf"));
        Assert.Equal("pdf", _site.ReadOutput("arkiv/prisliste.pdf"));
        Assert.True(_site.OutputExists("om/index.html"));
    }
}
