using Express.Site.Model;
using Express.Site.Reading;
using Express.Site.Steps.Read;

namespace Express.Site.Tests.Unit;

public sealed class UrlAndLinkTests
{
    [Theory]
    [InlineData("index.md", "/", "index.html")]
    [InlineData("kontakt.md", "/kontakt/", "kontakt/index.html")]
    [InlineData("stillinger/index.md", "/stillinger/", "stillinger/index.html")]
    [InlineData("kontakt/takk.md", "/kontakt/takk/", "kontakt/takk/index.html")]
    [InlineData("Om Oss.md", "/om-oss/", "om-oss/index.html")]
    public void Pretty_urls(string source, string url, string output)
    {
        Assert.Equal(url, AssignUrls.UrlFor(source));
        Assert.Equal(output, AssignUrls.OutputPathFor(url));
    }

    [Theory]
    [InlineData("/404.html", "404.html")]
    [InlineData("/jobb", "jobb/index.html")]
    public void Permalinks(string permalink, string output) =>
        Assert.Equal(output, AssignUrls.OutputPathFor(AssignUrls.Normalize(permalink)));

    private static readonly Uri Base = new("https://www.express.no/");

    /// <summary>
    /// WebAddress keeps what it resolved when the result cannot depend on the base's path; whatever it kept, each
    /// address must come out as a fresh WHATWG parse against that very base does, for bases that differ in path,
    /// port, credentials and scheme, and for addresses that do depend on the path.
    /// </summary>
    [Fact]
    public void A_kept_resolution_equals_a_fresh_parse_against_every_base()
    {
        string[] bases = ["https://www.express.no/om-oss/", "https://www.express.no/a/b/c", "https://www.express.no:8443/x/",
            "https://user:pw@www.express.no/y/", "http://www.express.no/z/", "https://cdn.example/", "foo:/bar/", "foo:bar"];
        string[] written = ["/kontakt/", "/kontakt/#skjema", "//www.facebook.com/tr?id=1", "/\\evil.example/x", "/a/../b?q=1#f",
            "https://www.googletagmanager.com/gtag/js", "http://www.express.no/", "https:relative", "kontakt/", "?q", "#f", " /mellomrom", "/\tfane"];
        foreach (var _ in new[] { 1, 2 }) // the second round finds the first round's results kept
            foreach (var b in bases)
                foreach (var w in written)
                {
                    var baseUrl = new AngleSharp.Dom.Url(b);
                    var fresh = new AngleSharp.Dom.Url(baseUrl, w);
                    var resolved = WebAddress.Resolve(w, baseUrl, "www.express.no");
                    Assert.True(fresh.Href == resolved.Resolved.Href && fresh.IsInvalid == resolved.Resolved.IsInvalid,
                        $"'{w}' against {b}: {resolved.Resolved.Href}, a fresh parse gives {fresh.Href}");
                }
    }

    [Theory]
    [InlineData("/kontakt/", "/kontakt/", null)]
    [InlineData("#skjema", "/om-oss/", "skjema")]
    [InlineData("../kontakt/#skjema", "/kontakt/", "skjema")]
    [InlineData("https://www.express.no/personvern/", "/personvern/", null)]
    [InlineData("/stillinger/s%C3%B8k/?q=1", "/stillinger/søk/", null)]
    public void Internal_links_resolve_against_the_page(string href, string path, string? fragment)
    {
        var target = LinkTarget.Resolve(href, "/om-oss/", Base);
        Assert.NotNull(target);
        Assert.Equal(path, target.Path);
        Assert.Equal(fragment, target.Fragment);
    }

    [Theory]
    [InlineData("https://www.datatilsynet.no/")]
    [InlineData("mailto:tomerik@express.no")]
    [InlineData("tel:+4792088686")]
    [InlineData("//cdn.example.com/x.js")]
    public void Links_that_leave_the_site_are_not_checked(string href) =>
        Assert.Null(LinkTarget.Resolve(href, "/om-oss/", Base));

    [Fact]
    public void Pretty_urls_without_a_slash_are_found_like_a_static_host_does()
    {
        Assert.Equal(["kontakt", "kontakt/index.html"], new LinkTarget("/kontakt", null).CandidateFiles());
        Assert.Equal(["index.html"], new LinkTarget("/", null).CandidateFiles());
    }

    [Fact]
    public void Fingerprints_change_with_the_content()
    {
        var a = AssetManifest.FingerprintedName("css/site.css", "a"u8.ToArray());
        var b = AssetManifest.FingerprintedName("css/site.css", "b"u8.ToArray());
        Assert.Matches(@"^css/site\.[0-9a-f]{10}\.css$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(a, AssetManifest.FingerprintedName("css/site.css", "a"u8.ToArray()));
    }
}
