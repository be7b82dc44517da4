using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// Renames: a page's old addresses (aliases:) become Netlify redirects in output/_redirects, after the rules of an
/// input/_redirects; the link check and the server honour them and netlify.toml's redirects. A wrong alias or a line
/// of input/_redirects that is not a rule is a case file of tests/Cases/bad-input; netlify.toml lies beside input/,
/// outside what a case writes, so its errors are here.
/// </summary>
public sealed class RedirectsTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public void Dispose() => _site.Dispose();

    private string Build()
    {
        var console = _site.RunSuccessfully();
        return console;
    }

    private string FailingBuild()
    {
        var (code, console) = _site.Run();
        Assert.True(code == 1, console);
        Assert.DoesNotContain("   at ", console);
        return console;
    }

    /// <summary>The fixture's om-oss.md with 'aliases:' on line 5.</summary>
    private void AddAliases(string aliases) => _site.Write("input/om-oss.md", $$$"""
        ---
        title: Om oss
        description: About the company.
        nav: 2
        aliases: {{{aliases}}}
        date: 2026-01-15
        ---
        ## Historie

        Vi har {{ team.people.size }} ansatte.

        {{ include 'team' }}

        [Til toppen](#historie) · [Kontakt](/kontakt/)

        """);

    /// <summary>The fixture's kontakt.md with <paramref name="more"/> after its text.</summary>
    private void WriteKontakt(string more) =>
        _site.Write("input/kontakt.md", $"---\ntitle: Kontakt\ndescription: Contact us.\nnav: 1\nowner: Kari\n---\nSpør {{{{ page.owner }}}}.{more}\n");

    [Fact]
    public void Aliases_become_permanent_redirects_after_the_rules_of_input_redirects()
    {
        _site.Write("input/_redirects", "# our own\n/kampanje/ /kontakt/ 302\n");
        AddAliases("[/historie/, /om.html]");
        Build();
        Assert.Equal("# our own\n/kampanje/ /kontakt/ 302\n# Old addresses of renamed pages (aliases: in their front matter)\n/historie/ /om-oss/ 301\n/om.html /om-oss/ 301\n",
            _site.ReadOutput("_redirects"));
    }

    [Fact]
    public void Without_aliases_an_input_redirects_is_published_as_it_is_and_without_either_there_is_none()
    {
        Build();
        Assert.False(_site.OutputExists("_redirects"));
        _site.Write("input/_redirects", "/kampanje/ /kontakt/ 302");
        Build();
        Assert.Equal("/kampanje/ /kontakt/ 302\n", _site.ReadOutput("_redirects"));
    }

    [Fact]
    public void A_link_to_an_old_address_is_fine_when_an_alias_redirects_it()
    {
        WriteKontakt(" Les [historien](/historie/#historie).");
        Assert.Contains("broken link '/historie/#historie'", FailingBuild());
        AddAliases("[/historie/]");
        Build();
    }

    [Fact]
    public void Links_through_input_redirects_and_netlify_toml_are_fine_but_not_to_a_missing_target()
    {
        WriteKontakt(" [Kampanje](/kampanje/) og [gammel](/gammel-adresse/x).");
        _site.Write("input/_redirects", "/kampanje/ /kontakt/ 302\n");
        _site.Write("netlify.toml", "[[redirects]]\n  from = \"/gammel-adresse/*\"\n  to = \"/finnes-ikke/:splat\"\n");
        Assert.Contains("broken link '/gammel-adresse/x'", FailingBuild());
        _site.Write("netlify.toml", "[[redirects]]\n  from = \"/gammel-adresse/*\"\n  to = \"/om-oss/\"\n");
        Build();
    }

    [Theory]
    [InlineData("[[redirects]\n  from = \"/a/\"\n  to = \"/kontakt/", "netlify.toml is not valid TOML")]
    [InlineData("[[redirects]]\n  from = \"/a/\"\n  to = \"/kontakt/\"\n  status = \"flyttet\"\n", "has the status 'flyttet'")]
    public void A_broken_netlify_toml_is_an_error(string toml, string message)
    {
        _site.Write("netlify.toml", toml);
        var console = FailingBuild();
        Assert.Contains("netlify.toml: error: ", console);
        Assert.Contains(message, console);
    }

    [Fact]
    public async Task The_server_answers_an_alias_with_its_redirect()
    {
        AddAliases("[/historie/]");
        Build();
        using var server = new StaticSiteServer(_site.Output);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(server.Url("/historie"));
        Assert.Equal(301, (int)response.StatusCode);
        Assert.Equal("/om-oss/", response.Headers.Location!.OriginalString);
    }
}
