using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Express.Site.Steps.Render.Generated;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>The _headers file of the real site, and the inline code a strict policy cannot allow.</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Every_inline_script_the_build_emits_is_allowed_by_hash_and_nothing_else_is()
    {
        Assert.Equal(0, _site.Run().ExitCode);
        var headers = NetlifyHeaders.Parse(_site.ReadOutput("_headers"));
        var policy = headers.For("/kontakt/")["Content-Security-Policy"];
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("base-uri 'none'", policy);
        Assert.Contains("form-action 'self'", policy);

        var scriptSources = Regex.Match(policy, "script-src ([^;]*)").Groups[1].Value.Split(' ');
        var expected = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(_site.Output, "*.html", SearchOption.AllDirectories))
            foreach (var script in new HtmlParser().ParseDocument(File.ReadAllText(file)).Scripts)
                if (script.Source is null && script.Text.Trim().Length > 0 && script.Type != "application/ld+json")
                    expected.Add(ContentSecurityPolicy.Hash(script.Text));
        Assert.NotEmpty(expected); // the gated Google and Meta snippets
        Assert.Equal(expected.Order(), scriptSources.Where(s => s.StartsWith("'sha256-")).Order());
        Assert.Equal(["'self'", "https://*.analytics.google.com", "https://*.google-analytics.com", "https://connect.facebook.net", "https://www.facebook.com", "https://www.googletagmanager.com"],
            scriptSources.Where(s => !s.StartsWith("'sha256-")));
    }

    [Fact]
    public void Pages_get_the_security_headers_and_fingerprinted_assets_a_year_of_caching()
    {
        Assert.Equal(0, _site.Run().ExitCode);
        var headers = NetlifyHeaders.Parse(_site.ReadOutput("_headers"));
        var page = headers.For("/");
        Assert.Equal("max-age=63072000; includeSubDomains", page["Strict-Transport-Security"]);
        Assert.Equal("nosniff", page["X-Content-Type-Options"]);
        Assert.Equal("strict-origin-when-cross-origin", page["Referrer-Policy"]);
        Assert.Contains("camera=()", page["Permissions-Policy"]);
        Assert.False(page.ContainsKey("Cache-Control"));

        var css = Directory.GetFiles(Path.Combine(_site.Output, "assets", "css"), "site.*.css").Single();
        var cssUrl = "/assets/css/" + Path.GetFileName(css);
        Assert.Equal("public, max-age=31536000, immutable", headers.For(cssUrl)["Cache-Control"]);
        Assert.Contains("Content-Security-Policy", headers.For(cssUrl).Keys);
        var config = Directory.GetFiles(Path.Combine(_site.Output, "assets"), "consent-config.*.json").Single();
        Assert.Equal("public, max-age=31536000, immutable", headers.For("/assets/" + Path.GetFileName(config))["Cache-Control"]);
    }

    [Theory]
    [InlineData("<p style=\"color: red\">Rød</p>", "input/om-oss.md:LINE:4: error: <p style=\"color: red\"> on /om-oss/: the Content-Security-Policy blocks style attributes")]
    [InlineData("<button onclick=\"alert(1)\">Klikk</button>", "input/om-oss.md:LINE:9: error: <button onclick=\"…\"> on /om-oss/: the Content-Security-Policy blocks event handlers in attributes")]
    [InlineData("<a href=\"javascript:alert(1)\">Klikk</a>", "input/om-oss.md:LINE:10: error: <a> on /om-oss/ links to 'javascript:alert(1)': the Content-Security-Policy blocks javascript: links")]
    public void Code_in_attributes_stops_the_build_where_the_editor_wrote_it(string html, string expected)
    {
        var source = File.ReadAllText(Path.Combine(_site.Input, "om-oss.md"));
        var line = source.TrimEnd('\n').Split('\n').Length + 2;
        _site.Write("input/om-oss.md", source.TrimEnd('\n') + "\n\n" + html + "\n");
        var (code, console) = _site.Run();
        Assert.Equal(1, code);
        Assert.True(console.Contains(expected.Replace("LINE", line.ToString())), console);
        Assert.Contains("fix: ", console);
    }

    [Fact]
    public void An_editors_own_headers_file_is_refused()
    {
        _site.Write("input/_headers", "/*\n  X-Test: 1\n");
        var (code, console) = _site.Run();
        Assert.Equal(1, code);
        Assert.Contains("input/_headers: error: the build writes _headers itself", console);
    }
}
