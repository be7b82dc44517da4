using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// Each kind of bad input fails the build with exit code 1, one message that names file, line (and column) and a fix,
/// no stack trace, and the previous output exactly as it was.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly FixtureSite _site = new();
    private readonly IReadOnlyDictionary<string, string> _goodOutput;

    public BadInputTests()
    {
        var (code, console) = _site.Run();
        Assert.True(code == 0, console);
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
    public void Malformed_front_matter()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\ndescription: [unclosed\nnav: 1\n---\nHei.\n");
        Assert.Contains("input/kontakt.md:3:14: error: this is not valid YAML", FailingBuild());
    }

    [Fact]
    public void Front_matter_that_is_never_closed()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n\nHei.\n");
        Assert.Contains("input/kontakt.md:1:1: error: the front matter that starts here is never closed", FailingBuild());
    }

    [Fact]
    public void Malformed_data_file()
    {
        _site.Write("input/_data/team.yml", "people:\n  - name: Kari\n   role: feil innrykk\n");
        Assert.Matches(@"input/_data/team\.yml:3:\d+: error: this is not valid YAML", FailingBuild());
    }

    [Fact]
    public void Missing_title()
    {
        _site.Write("input/kontakt.md", "---\ndescription: Ingen tittel\n---\nHei.\n");
        var console = FailingBuild();
        Assert.Contains("input/kontakt.md:2: error: 'title' is missing or empty", console);
        Assert.Contains("add a line 'title: ", console);
    }

    [Fact]
    public void Date_of_the_wrong_type()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\ndate: i går\n---\nHei.\n");
        Assert.Contains("input/kontakt.md:3:1: error: 'date' must be a date", FailingBuild());
    }

    [Fact]
    public void Unknown_layout()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\nlayout: finnesikke\n---\nHei.\n");
        var console = FailingBuild();
        Assert.Contains("input/kontakt.md:3:1: error: unknown layout 'finnesikke'", console);
        Assert.Contains("use one of: base, home, job, jobs, page", console);
    }

    [Fact]
    public void Unknown_partial()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nHei.\n\n{{ include 'finnesikke' }}\n");
        Assert.Contains("input/kontakt.md:6:4: error: template error: unknown partial 'finnesikke'", FailingBuild());
    }

    [Fact]
    public void Scriban_syntax_error_in_a_layout()
    {
        _site.Replace("theme/layouts/page.html", "<h1>{{ page.title }}</h1>", "<h1>{{ if page.title }}</h1>");
        Assert.Matches(@"theme/layouts/page\.html:\d+:\d+: error: template syntax error: .*", FailingBuild());
    }

    [Fact]
    public void Scriban_runtime_error_in_a_layout_points_at_its_line_below_the_front_matter()
    {
        _site.Replace("theme/layouts/page.html", "<h1>{{ page.title }}</h1>", "<h1>{{ pgae.title }}</h1>");
        Assert.Contains("theme/layouts/page.html:4:8: error: template error:", FailingBuild());
    }

    [Fact]
    public void Unknown_asset()
    {
        _site.Replace("theme/layouts/base.html", "{{ asset 'css/site.css' }}", "{{ asset 'css/gone.css' }}");
        Assert.Matches(@"theme/layouts/base\.html:7:\d+: error: template error: .*unknown asset 'css/gone\.css'", FailingBuild());
    }

    [Fact]
    public void Two_pages_with_the_same_url()
    {
        _site.Write("input/kopi.md", "---\ntitle: Kopi\npermalink: /kontakt/\n---\nKopi.\n");
        var console = FailingBuild();
        Assert.Contains("input/kopi.md:3:1: error: two files would be published at the same URL /kontakt/index.html: input/kontakt.md and input/kopi.md", console);
    }

    [Fact]
    public void Broken_internal_link()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nHei.\n\nSe [jobbene](/jobber/).\n");
        Assert.Contains("input/kontakt.md:6:14: error: broken link '/jobber/' in <a> on /kontakt/: nothing is published at /jobber/", FailingBuild());
    }

    [Fact]
    public void Broken_fragment()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nHei.\n\nSe [historien](/om-oss/#histori).\n");
        Assert.Contains("input/kontakt.md:6:16: error: broken link '/om-oss/#histori' in <a> on /kontakt/: there is no element with id 'histori' on /om-oss/", FailingBuild());
    }

    [Fact]
    public void Link_to_an_expired_page_is_broken()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nSe [gammel](/gammel/).\n");
        Assert.Contains("input/kontakt.md:4:13: error: broken link '/gammel/'", FailingBuild());
    }

    [Fact]
    public void Broken_link_in_a_layout_is_reported_once_at_the_layout()
    {
        _site.Replace("theme/layouts/base.html", "<main id=\"main\">", "<a href=\"/hjelp/\">Hjelp</a><main id=\"main\">");
        Assert.Matches(@"theme/layouts/base\.html:11:\d+: error: broken link '/hjelp/' in <a> on \d+ pages", FailingBuild());
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

    [Theory]
    [InlineData("darft: true", "darft", "draft")]
    [InlineData("expire: 2026-01-01", "expire", "expires")]
    [InlineData("Title: Kontakt", "Title", "title")]
    [InlineData("desciption: Kontakt oss", "desciption", "description")]
    [InlineData("premalink: /k/", "premalink", "permalink")]
    [InlineData("ower: Kari", "ower", "owner")]
    public void Misspelt_front_matter_key(string line, string key, string meant)
    {
        _site.Write("input/kontakt.md", $"---\ntitle: Kontakt\n{line}\n---\nHei.\n");
        var console = FailingBuild();
        Assert.Contains($"input/kontakt.md:3:1: error: unknown front matter key '{key}': did you mean '{meant}'?", console);
        Assert.Contains("front_matter_keys", console);
    }

    [Fact]
    public void Image_without_alt_text()
    {
        File.WriteAllBytes(Path.Combine(_site.Input, "kontor.gif"), [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0]);
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nHei.\n\nSe ![](/kontor.gif) her.\n");
        var console = FailingBuild();
        Assert.Contains("input/kontakt.md:6:4: error: the image '/kontor.gif' has no alt text", console);
        Assert.Contains("{alt=\"\"}", console);
    }

    [Fact]
    public void Image_that_does_not_exist()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\n![Kontoret](/bilder/finnes-ikke.jpg)\n");
        Assert.Contains("input/kontakt.md:4:1: error: there is no image at input/bilder/finnes-ikke.jpg", FailingBuild());
    }

    [Fact]
    public void Image_without_alt_text_below_an_include_is_reported_at_its_own_line()
    {
        File.WriteAllBytes(Path.Combine(_site.Input, "kontor.gif"), [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0]);
        _site.Write("theme/partials/lang.html", "<p>en</p>\n<p>to</p>\n<p>tre</p>\n<p>fire</p>\n");
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\n{{ include 'lang' }}\n\n![](/kontor.gif)\n");
        Assert.Contains("input/kontakt.md:6:1: error: the image '/kontor.gif' has no alt text", FailingBuild());
    }
}
