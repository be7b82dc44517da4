using System.Net;
using System.Net.Http.Headers;

namespace Express.Site.Tests.Serving;

/// <summary>The Kestrel server of serve and audit, over a small hand-made output folder: Netlify's rules, content types, concurrency.</summary>
public sealed class StaticSiteServerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"express-serve-test-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private string Output => Path.Combine(_root, "output");

    public StaticSiteServerTests()
    {
        Write("output/index.html", "<!DOCTYPE html><html><body>forsiden</body></html>");
        Write("output/om-oss/index.html", "<!DOCTYPE html><html><body>om oss</body></html>");
        Write("output/404.html", "<!DOCTYPE html><html><body>fant ikke siden</body></html>");
        Write("output/kontakt/index.html", "<!DOCTYPE html><html><body>kontakt</body></html>");
        Write("output/_headers", "/*\n  X-Frame-Options: DENY\n/om-oss/\n  X-Test: om\n");
        Write("output/_redirects", "/gammel-side/ /om-oss/ 301\n/kontakt/ /om-oss/ 302\n/tvang/ /om-oss/ 302!\n/skjult/* /om-oss/ 200\n/nyheter/:year/* /arkiv/:year/:splat 302\n");
        Write("netlify.toml", "[[redirects]]\n  from = \"/fra-toml/\"\n  to = \"/om-oss/\"\n  status = 308\n");
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private StaticSiteServer Start() => new(Output, netlifyToml: Path.Combine(_root, "netlify.toml"));

    [Theory]
    [InlineData("/", 200, "forsiden")]
    [InlineData("/om-oss/", 200, "om oss")]
    [InlineData("/finnes-ikke/", 404, "fant ikke siden")]
    [InlineData("/skjult/hva/som/helst", 200, "om oss")] // a rewrite keeps the address
    [InlineData("/_redirects", 404, "fant ikke siden")] // Netlify reads it, it does not serve it
    public async Task Pages_404_and_rewrites_are_served_as_Netlify_does(string path, int status, string text)
    {
        using var server = Start();
        using var response = await _http.GetAsync(server.Url(path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("/om-oss", 301, "/om-oss/")] // pretty URLs
    [InlineData("/om-oss?a=1", 301, "/om-oss/?a=1")]
    [InlineData("/gammel-side/", 301, "/om-oss/")]
    [InlineData("/gammel-side", 301, "/om-oss/")]
    [InlineData("/fra-toml/", 308, "/om-oss/")] // netlify.toml, after _redirects
    [InlineData("/tvang/", 302, "/om-oss/")]
    [InlineData("/nyheter/2026/07/fest", 302, "/arkiv/2026/07/fest")]
    public async Task Redirects_of_redirects_files_and_pretty_urls(string path, int status, string location)
    {
        using var server = Start();
        using var response = await _http.GetAsync(server.Url(path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_existing_page_shadows_a_rule_that_is_not_forced()
    {
        using var server = Start();
        using var response = await _http.GetAsync(server.Url("/kontakt/"));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("kontakt", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("dok/prisliste.pdf", "application/pdf")]
    [InlineData("img/a.png", "image/png")]
    [InlineData("img/a.jpg", "image/jpeg")]
    [InlineData("img/a.gif", "image/gif")]
    [InlineData("img/a.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("img/a.webp", "image/webp")]
    [InlineData("img/a.avif", "image/avif")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("fonts/a.woff2", "font/woff2")]
    [InlineData("fonts/a.woff", "font/woff")]
    [InlineData("video/a.mp4", "video/mp4")]
    [InlineData("video/a.webm", "video/webm")]
    [InlineData("data.json", "application/json; charset=utf-8")]
    [InlineData("sitemap.xml", "application/xml; charset=utf-8")]
    [InlineData("robots.txt", "text/plain; charset=utf-8")]
    [InlineData("site.webmanifest", "application/manifest+json; charset=utf-8")]
    [InlineData("assets/site.css", "text/css; charset=utf-8")]
    [InlineData("assets/site.js", "text/javascript; charset=utf-8")]
    [InlineData("ukjent.xyz", "application/octet-stream")]
    public async Task Every_kind_of_file_gets_its_content_type(string file, string type)
    {
        Write("output/" + file, "x");
        using var server = Start();
        using var response = await _http.GetAsync(server.Url("/" + file));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task A_video_can_be_fetched_in_ranges()
    {
        Write("output/video/a.mp4", "0123456789");
        using var server = Start();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("/video/a.mp4"));
        request.Headers.Range = new RangeHeaderValue(2, 5);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_slow_download_does_not_hold_up_other_requests()
    {
        // 64 MB that the first client never reads: a server that answers one request at a time blocks on it.
        using (var big = File.Create(Path.Combine(Output, "stor.bin"))) big.SetLength(64 * 1024 * 1024);
        using var server = Start();
        using var slow = new HttpClient();
        using var stuck = await slow.GetAsync(server.Url("/stor.bin"), HttpCompletionOption.ResponseHeadersRead);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _http.GetStringAsync(server.Url("/om-oss/"), timeout.Token)));
        Assert.All(pages, page => Assert.Contains("om oss", page));
    }

    [Fact]
    public void It_listens_on_127_0_0_1_only_and_a_taken_port_gets_a_clear_message()
    {
        using var first = Start();
        var uri = new Uri(first.Origin);
        Assert.Equal("127.0.0.1", uri.Host);
        var error = Assert.Throws<InvalidOperationException>(() => new StaticSiteServer(Output, uri.Port));
        Assert.Contains($"cannot listen on port {uri.Port}", error.Message);
        Assert.Contains("--port", error.Message);
    }
}
