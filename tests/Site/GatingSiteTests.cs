using AngleSharp.Html.Parser;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Tags an editor pastes into Markdown come out of the build gated; undeclared ones stop it (more such cases:
/// tests/Cases/gating).</summary>
public sealed class GatingSiteTests : IDisposable
{
    private readonly FixtureSite _site = GoldenPrivacy.GatingSite();

    public void Dispose() => _site.Dispose();

    private const string PastedSnippets = """
        ---
        title: Video
        description: En side med limte inn koder.
        ---
        Se filmen:

        <iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video player" allowfullscreen></iframe>

        <!-- Google tag (gtag.js) -->
        <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
        <script>
          window.dataLayer = window.dataLayer || [];
          function gtag(){dataLayer.push(arguments);}
          gtag('js', new Date());
          gtag('config', 'G-TEST123');
        </script>

        <!-- Meta Pixel Code -->
        <script>
        !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');
        fbq('init', '123456789');
        fbq('track', 'PageView');
        </script>
        <noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=123456789&ev=PageView&noscript=1"/></noscript>
        <!-- End Meta Pixel Code -->
        """;

    [Fact]
    public void Pasted_google_youtube_and_meta_snippets_come_out_gated()
    {
        _site.Write("input/video.md", PastedSnippets);
        _site.RunSuccessfully();
        var html = _site.ReadOutput("video/index.html");
        var doc = new HtmlParser().ParseDocument(html);

        var iframe = Assert.Single(doc.QuerySelectorAll("iframe"));
        Assert.Null(iframe.GetAttribute("src"));
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", iframe.GetAttribute("data-src"));
        Assert.Equal("youtube", iframe.GetAttribute("data-consent-vendor"));
        Assert.True(iframe.HasAttribute("hidden"));
        var placeholder = doc.QuerySelector("[data-consent-placeholder='youtube']");
        Assert.NotNull(placeholder);
        Assert.Contains("YouTube", placeholder.TextContent);
        Assert.Equal("marketing", placeholder.QuerySelector("button[data-consent-action='allow-category']")?.GetAttribute("data-consent-category"));

        foreach (var script in doc.QuerySelectorAll("main script"))
        {
            Assert.Equal("text/plain", script.GetAttribute("type"));
            Assert.Null(script.GetAttribute("src"));
        }
        Assert.Equal(["google-analytics", "google-analytics", "meta-pixel"], doc.QuerySelectorAll("main script").Select(s => s.GetAttribute("data-consent-vendor")));
        Assert.Equal("true", doc.QuerySelector("main script[data-src]")!.GetAttribute("data-async"));
        Assert.DoesNotContain("facebook.com/tr", html);
        Assert.Empty(doc.QuerySelectorAll("noscript"));
    }

    /// <summary>ikon.svg is published twice, as it is and as a fingerprinted copy; its script is one error, at its line.</summary>
    [Fact]
    public void Published_svg_files_are_read_like_pages()
    {
        _site.Write("input/bilder/logo.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<image href=\"https://www.facebook.com/tr?id=1\"/>\n</svg>\n");
        _site.Write("input/bilder/ikon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>fetch('/x')</script>\n</svg>\n");
        var before = _site.OutputSnapshot();

        var (code, console) = _site.Run();

        Assert.Equal(1, code);
        Assert.Contains("input/bilder/logo.svg:3: error: bilder/logo.svg <image href=\"https://www.facebook.com/tr?id=1\"> loads from www.facebook.com", console);
        Assert.Contains("input/bilder/ikon.svg:2: error: bilder/ikon.svg has an inline <script>", console);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(console, "has an inline <script>"));
        Assert.Equal(before, _site.OutputSnapshot());
    }

    [Fact]
    public void A_paste_in_a_layout_is_one_error_with_its_pages_and_every_undeclared_host_is_reported_in_one_build()
    {
        _site.Replace("theme/layouts/base.html", "</body>", "<img src=\"https://pixel.example.com/p.gif\" alt=\"\"></body>");
        _site.Write("input/video.md", "---\ntitle: Video\ndescription: To koder.\n---\n<script src=\"https://static.hotjar.com/c/h.js\"></script>\n\n<iframe src=\"https://maps.example.com/x\" title=\"Kart\"></iframe>\n");

        var (code, console) = _site.Run();

        Assert.Equal(1, code);
        var layoutErrors = console.Split('\n').Where(l => l.Contains("pixel.example.com, which no vendor", StringComparison.Ordinal)).ToList();
        Assert.Single(layoutErrors);
        Assert.Matches(@"^theme/layouts/base\.html:\d+:\d+: error: <img> loads .* \(on \d+ pages \(", layoutErrors[0]);
        Assert.Contains("input/video.md:5:", console);
        Assert.Contains("hosts: [static.hotjar.com]", console);
        Assert.Contains("input/video.md:7:", console);
        Assert.Contains("hosts: [maps.example.com]", console);
        Assert.DoesNotContain("output", console.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).Select(l => l.Split(": error: ")[0]));
    }
}
