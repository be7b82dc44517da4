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
