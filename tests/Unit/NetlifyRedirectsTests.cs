using Express.Site.Core;

namespace Express.Site.Tests.Unit;

/// <summary>Netlify's redirect rules as its documentation describes them (see NetlifyRedirects).</summary>
public sealed class NetlifyRedirectsTests
{
    private static NetlifyRedirects Parse(string text) => NetlifyRedirects.ParseRedirectsFile(text, "_redirects");

    [Theory]
    [InlineData("/gammel/ /ny/", "/gammel/", "/ny/", 301)]
    [InlineData("/gammel/ /ny/", "/gammel", "/ny/", 301)] // with or without the trailing slash
    [InlineData("/gammel /ny/ 302", "/gammel/", "/ny/", 302)]
    [InlineData("/nyheter/* /blogg/:splat", "/nyheter/2026/jul/", "/blogg/2026/jul/", 301)]
    [InlineData("/nyheter/:year/:month/:slug /blogg/:year-:month/:slug 301", "/nyheter/2026/07/fest/", "/blogg/2026-07/fest", 301)]
    [InlineData("/app/* /index.html 200", "/app/a/b", "/index.html", 200)]
    [InlineData("/en/* /en/404.html 404", "/en/borte", "/en/404.html", 404)]
    public void A_rule_matches_and_fills_its_target(string rules, string path, string target, int status)
    {
        var match = Parse(rules).Match(path, fileExists: false);
        Assert.NotNull(match);
        Assert.Equal(target, match.Target);
        Assert.Equal(status, match.Rule.Status);
    }

    [Theory]
    [InlineData("/Gammel/ /ny/", "/gammel/")] // paths are case-sensitive
    [InlineData("/a/:b /c/:b", "/a/b/c")] // a placeholder is one segment
    [InlineData("/a/ /b/ 301 Country=no", "/a/")] // conditions the preview cannot know
    [InlineData("https://express.no/* https://www.express.no/:splat 301!", "/a/")] // another host
    public void A_rule_does_not_match(string rules, string path) => Assert.Null(Parse(rules).Match(path, fileExists: false));

    [Fact]
    public void An_existing_file_shadows_a_rule_unless_it_is_forced()
    {
        var rules = Parse("/om-oss/ /ny/ 301\n/om-oss/ /tvang/ 302!");
        Assert.Equal("/ny/", rules.Match("/om-oss/", fileExists: false)!.Target);
        Assert.Equal("/tvang/", rules.Match("/om-oss/", fileExists: true)!.Target);
        Assert.Null(Parse("/om-oss/ /ny/ 301").Match("/om-oss/", fileExists: true));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_comments_are_skipped()
    {
        var rules = Parse("# a comment\n\n/a/* /first/ 301 # trailing comment\n/a/b /second/ 301");
        Assert.Equal("/first/", rules.Match("/a/b", fileExists: false)!.Target);
    }

    [Fact]
    public void A_domain_level_rule_applies_to_its_host_only()
    {
        var rules = Parse("https://express.no/* https://www.express.no/:splat 301!");
        Assert.Equal("https://www.express.no/kontakt/", rules.Match("/kontakt/", fileExists: true, host: "express.no")!.Target);
        Assert.Null(rules.Match("/kontakt/", fileExists: true, host: "127.0.0.1"));
    }

    [Fact]
    public void A_line_that_is_not_a_rule_is_an_error_with_its_line()
    {
        var problems = new List<Diagnostic>();
        NetlifyRedirects.ParseRedirectsFile("/a/ /b/\ngammel-side /ny/\n/c/ /d/ 299", "input/_redirects", problems);
        Assert.Equal(["input/_redirects:2", "input/_redirects:3"], problems.Select(p => p.Location.ToString()));
    }

    [Fact]
    public void Netlify_toml_redirects_are_read_with_status_and_force()
    {
        var rules = NetlifyRedirects.ParseNetlifyToml("""
            [build]
              publish = "output"
            [[redirects]]
              from = "/personvernerklaering/*"
              to = "/personvern/"
              status = 302
            [[redirects]]
              from = "/tvang/"
              to = "/her/"
              force = true
            """, "netlify.toml");
        Assert.Equal("/personvern/", rules.Match("/personvernerklaering/x", fileExists: false)!.Target);
        Assert.Equal(302, rules.Match("/personvernerklaering/", fileExists: false)!.Rule.Status);
        var forced = rules.Match("/tvang/", fileExists: true)!;
        Assert.True(forced.Rule.Force);
        Assert.Equal(301, forced.Rule.Status);
    }

    [Fact]
    public void The_real_netlify_toml_is_read()
    {
        var rules = NetlifyRedirects.ParseNetlifyToml(File.ReadAllText(Path.Combine(Support.Paths.Repository, "netlify.toml")), "netlify.toml");
        Assert.Equal("/personvern/", rules.Match("/personvernerklaering/", fileExists: false)!.Target);
    }
}
