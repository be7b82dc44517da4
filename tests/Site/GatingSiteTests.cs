using AngleSharp.Html.Parser;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Tags an editor pastes into Markdown come out of the build gated; undeclared ones stop it.</summary>
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
        var (code, console) = _site.Run();
        Assert.True(code == 0, console);
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

    [Fact]
    public void A_pasted_tag_from_an_undeclared_host_stops_the_build_at_its_line()
    {
        _site.Write("input/video.md", "---\ntitle: Video\ndescription: Hotjar.\n---\nTekst.\n\n<script src=\"https://static.hotjar.com/c/hotjar-1.js?sv=6\"></script>\n");
        var before = _site.OutputSnapshot();
        var (code, console) = _site.Run();
        Assert.Equal(1, code);
        Assert.Contains("input/video.md:7:14: error: <script> on /video/ loads https://static.hotjar.com/c/hotjar-1.js?sv=6 from static.hotjar.com, which no vendor in privacy.yml declares", console);
        Assert.Contains("hosts: [static.hotjar.com]", console);
        Assert.Equal(before, _site.OutputSnapshot());
    }

    /// <summary>
    /// The gating does not know SVG's &lt;image&gt;; the leak audit of the written files does, so the build stops
    /// before the swap and the previous output stays.
    /// </summary>
    [Fact]
    public void The_leak_audit_stops_a_build_the_gating_let_through_and_keeps_the_previous_output()
    {
        Assert.Equal(0, _site.Run().ExitCode);
        var before = _site.OutputSnapshot();
        var entries = _site.TopLevelEntries();
        _site.Write("input/logo.md", "---\ntitle: Logo\ndescription: Et bilde.\n---\nTekst.\n\n<svg width=\"10\" height=\"10\"><image href=\"https://www.facebook.com/tr?id=1\" /></svg>\n");

        var (code, console) = _site.Run();

        Assert.Equal(1, code);
        Assert.Matches(@"output/logo/index\.html:\d+: error: leak: <image href=""https://www\.facebook\.com/tr\?id=1""> contacts www\.facebook\.com before consent", console);
        Assert.Contains("fix: this is a bug in the consent gating", console);
        Assert.Equal(before, _site.OutputSnapshot());
        Assert.Equal(entries, _site.TopLevelEntries());
    }
}
