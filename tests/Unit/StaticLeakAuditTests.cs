using Express.Site.Steps.Consent;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// The static leak audit is tested on its own, by feeding it pages the gating never saw: every way an element can
/// contact another host must be found, and gated or harmless markup must pass.
/// </summary>
public sealed class StaticLeakAuditTests
{
    private static readonly string GatingFolder = Path.Combine(Paths.Golden, "gating");

    private static readonly StaticLeakAudit Audit = new(GoldenPrivacy.Gating, "www.express.no");

    private static string Page(string body) => $"<!DOCTYPE html>\n<html lang=\"nb\"><head><title>T</title></head>\n<body>\n{body}\n</body></html>";

    public static TheoryData<string, string, string> Leaks() => new()
    {
        { "script src", "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>", "www.googletagmanager.com" },
        { "scheme-relative script", "<script src=\"//cdn.example.com/x.js\"></script>", "cdn.example.com" },
        { "inline vendor snippet", "<script>gtag('config', 'G-1');</script>", "Google Analytics's snippet" },
        { "inline script naming a host", "<script>var s=document.createElement('script');s.src='https://cdn.tracker.io/t.js';</script>", "cdn.tracker.io" },
        { "module script", "<script type=\"module\">import x from 'https://esm.example.com/x.js';</script>", "esm.example.com" },
        { "iframe", "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>", "www.youtube-nocookie.com" },
        { "img", "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\">", "www.facebook.com" },
        { "srcset candidate", "<img src=\"/a.png\" srcset=\"/a.png 1x, https://img.example.com/a2.png 2x\" alt=\"\">", "img.example.com" },
        { "picture source", "<picture><source srcset=\"https://img.example.com/a.webp\"><img src=\"/a.png\" alt=\"\"></picture>", "img.example.com" },
        { "video poster", "<video poster=\"https://i.ytimg.com/p.jpg\"></video>", "i.ytimg.com" },
        { "audio", "<audio src=\"https://media.example.com/a.mp3\"></audio>", "media.example.com" },
        { "object data", "<object data=\"https://media.example.com/a.swf\"></object>", "media.example.com" },
        { "embed", "<embed src=\"https://media.example.com/a.swf\">", "media.example.com" },
        { "stylesheet", "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\">", "fonts.googleapis.com" },
        { "preconnect", "<link rel=\"preconnect\" href=\"https://www.google-analytics.com\">", "www.google-analytics.com" },
        { "preload", "<link rel=\"preload\" as=\"script\" href=\"https://connect.facebook.net/en_US/fbevents.js\">", "connect.facebook.net" },
        { "unknown rel", "<link rel=\"something-new\" href=\"https://x.example.com/\">", "x.example.com" },
        { "style attribute url()", "<div style=\"background: url('https://img.example.com/bg.png')\"></div>", "img.example.com" },
        { "style element @import", "<style>@import url(\"https://fonts.googleapis.com/css\");</style>", "fonts.googleapis.com" },
        { "noscript pixel", "<noscript><img height=\"1\" width=\"1\" src=\"https://www.facebook.com/tr?id=1&ev=PageView&noscript=1\"></noscript>", "www.facebook.com" },
        { "svg image", "<svg><image href=\"https://img.example.com/a.png\" /></svg>", "img.example.com" },
        { "svg use xlink", "<svg><use xlink:href=\"https://img.example.com/s.svg#i\" /></svg>", "img.example.com" },
        { "base href", "<base href=\"https://cdn.example.com/\">", "cdn.example.com" },
        { "link ping", "<a href=\"/kontakt/\" ping=\"https://t.example.com/ping\">Kontakt</a>", "t.example.com" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0; url=https://t.example.com/\">", "t.example.com" },
        { "input image", "<input type=\"image\" src=\"https://img.example.com/b.png\" alt=\"Send\">", "img.example.com" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void Finds_an_ungated_element(string kind, string body, string named)
    {
        var finding = Assert.Single(Audit.AuditHtml(Page(body), "output/side/index.html"));
        Assert.Contains(named, finding.Message);
        Assert.StartsWith("leak: ", finding.Message);
        Assert.Equal(("output/side/index.html", 4), (finding.Location.File, finding.Location.Line));
        Assert.False(string.IsNullOrEmpty(finding.Fix), kind);
    }

    public static TheoryData<string, string> Harmless() => new()
    {
        { "links to other sites", "<a href=\"https://www.datatilsynet.no/\">Datatilsynet</a> <area href=\"https://x.example.com/\">" },
        { "canonical and alternate", "<link rel=\"canonical\" href=\"https://www.express.no/\"><link rel=\"alternate\" hreflang=\"en\" href=\"https://en.example.com/\">" },
        { "own site absolute", "<img src=\"https://www.express.no/bilde.png\" alt=\"\"><script src=\"https://www.express.no/a.js\"></script>" },
        { "gated script", "<script type=\"text/plain\" data-consent-vendor=\"google-analytics\" data-consent-category=\"statistics\" data-src=\"https://www.googletagmanager.com/gtag/js\"></script>" },
        { "gated inline snippet", "<script type=\"text/plain\" data-consent-vendor=\"google-analytics\" data-consent-category=\"statistics\">gtag('config','G-1');</script>" },
        { "gated iframe", "<iframe data-src=\"https://www.youtube-nocookie.com/embed/x\" data-consent-vendor=\"youtube\" data-consent-category=\"marketing\" hidden></iframe>" },
        { "json-ld naming sites", "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"url\":\"https://www.express.no/\"}</script>" },
        { "first-party script and an inert template", "<script src=\"/assets/consent.js\"></script><template><p>https://example.com</p></template>" },
        { "url in text and attributes that do not load", "<p>Se https://www.facebook.com/express</p><form action=\"/takk/\" data-x=\"https://x.example.com\"><label title=\"https://x.example.com\">x</label></form>" },
        { "markup inside a textarea", "<textarea><img src=\"https://img.example.com/a.png\"></textarea>" },
        { "data uri", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\">" },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Passes_gated_and_harmless_markup(string kind, string body) =>
        Assert.True(Audit.AuditHtml(Page(body), "p.html").Count == 0, kind + ": " + string.Join("\n", Audit.AuditHtml(Page(body), "p.html")));

    /// <summary>Cross-check with the gating's golden files: what goes in leaks, what comes out does not.</summary>
    [Fact]
    public void Every_golden_gating_input_leaks_and_every_expected_output_is_clean()
    {
        foreach (var expected in Directory.GetFiles(GatingFolder, "*.expected.html"))
        {
            var input = expected.Replace(".expected.html", ".html");
            var output = File.ReadAllText(expected);
            Assert.True(Audit.AuditHtml(Page(output), expected).Count == 0, $"{Path.GetFileName(expected)} leaks");
            if (File.ReadAllText(input).Trim() != output.Trim())
                Assert.True(Audit.AuditHtml(Page(File.ReadAllText(input)), input).Count > 0, $"{Path.GetFileName(input)} passes the audit ungated");
        }
    }

    [Fact]
    public void Finds_every_leak_of_a_page_with_its_line()
    {
        var html = Page("<img src=\"https://a.example.com/1.png\" alt=\"\">\n<p>tekst</p>\n<iframe src=\"https://b.example.com/\"></iframe>");
        Assert.Equal([("a.example.com", 4), ("b.example.com", 6)],
            Audit.AuditHtml(html, "x.html").Select(f => (f.Message.Split(' ')[^3], f.Location.Line)));
    }

    [Fact]
    public void Audits_style_sheets_line_by_line()
    {
        var findings = Audit.AuditCss("body { color: #222; }\n/* own fonts */\n@font-face { src: url(/assets/f.woff2); }\n.hero { background: url(https://img.example.com/hero.jpg); }\n", "output/assets/site.css");
        var finding = Assert.Single(findings);
        Assert.Equal(4, finding.Location.Line);
        Assert.Contains("img.example.com", finding.Message);
    }
}
