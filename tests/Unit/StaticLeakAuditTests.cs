using Express.Site.Steps.Check;
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
        { "noscript title trick", "<noscript><p title=\"</noscript><img src=https://t.example.com/p.gif>\"></noscript>", "t.example.com" },
        { "html breaking out of svg", "<svg><title><img src=\"https://t.example.com/p.gif\"></title></svg>", "t.example.com" },
        { "three slashes", "<img src=\"https:///t.example.com/p.gif\" alt=\"\">", "t.example.com" },
        { "backslashes", "<img src=\"\\\\t.example.com\\p.gif\" alt=\"\">", "t.example.com" },
        { "percent-encoded host", "<img src=\"//%74.example.com/p.gif\" alt=\"\">", "t.example.com" },
        { "tab in a url", "<img src=\"https://t.exa&#9;mple.com/p.gif\" alt=\"\">", "t.example.com" },
        { "css escapes", "<style>a { background: url(\"https:\\2f\\2ft.example.com/p.gif\") }</style>", "t.example.com" },
        { "nested css", "<style>a { & b { background: url(https://t.example.com/p.gif) } }</style>", "t.example.com" },
        { "image-set", "<style>a { background-image: image-set(\"https://t.example.com/p.gif\" 1x) }</style>", "t.example.com" },
        { "srcdoc", "<iframe srcdoc=\"<img src='https://t.example.com/p.gif'>\"></iframe>", "t.example.com" },
        { "data: frame", "<iframe src=\"data:text/html,hei\"></iframe>", "data: document" },
        { "smil set", "<svg><image href=\"/a.png\"><set attributeName=\"href\" to=\"https://t.example.com/p.gif\"/></image></svg>", "t.example.com" },
        { "import map", "<script type=\"importmap\">{\"imports\":{\"t\":\"https://t.example.com/t.js\"}}</script>", "t.example.com" },
        { "speculation rules", "<script type=\"speculationrules\">{\"prefetch\":[{\"source\":\"list\",\"urls\":[\"https://t.example.com/\"]}]}</script>", "t.example.com" },
        { "legacy javascript type", "<script type=\"text/x-javascript\">new Image().src='https://t.example.com/p.gif'</script>", "t.example.com" },
        { "template", "<template><img src=\"https://t.example.com/p.gif\"></template>", "t.example.com" },
        { "unknown attribute", "<div x-track=\"https://t.example.com/p\"></div>", "t.example.com" },
        { "svg presentation attribute", "<svg><rect fill=\"url(https://t.example.com/g.svg#a)\"/></svg>", "t.example.com" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void Finds_an_ungated_element(string kind, string body, string named)
    {
        var leak = Assert.Single(Audit.AuditDocument(Page(body), "side/index.html"));
        Assert.True(leak.What.Contains(named, StringComparison.Ordinal), $"{kind}: {leak.What}");
        Assert.Equal(4, leak.Line);
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
        { "a script type no browser runs", "<script type=\"text/x-template\"><img src=\"https://t.example.com/p.gif\"></script>" },
        { "open graph image", "<meta property=\"og:image\" content=\"https://www.express.no/og.png\"><meta name=\"twitter:site\" content=\"https://x.example.com\">" },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Passes_gated_and_harmless_markup(string kind, string body) =>
        Assert.True(Audit.AuditDocument(Page(body), "p.html").Count == 0, kind + ": " + string.Join("\n", Audit.AuditDocument(Page(body), "p.html")));

    [Fact]
    public void Finds_every_leak_of_a_page_with_its_line()
    {
        var html = Page("<img src=\"https://a.example.com/1.png\" alt=\"\">\n<p>tekst</p>\n<iframe src=\"https://b.example.com/\"></iframe>");
        Assert.Equal([("a.example.com", 4), ("b.example.com", 6)],
            Audit.AuditDocument(html, "x.html").Select(f => (f.What.Split(' ')[^3], f.Line)));
    }

    [Fact]
    public void Audits_style_sheets_by_their_tokens()
    {
        var leaks = Audit.AuditStyleSheet("body { color: #222; }\n/* own fonts: url(https://x.example.com/comment) */\n@font-face { src: url(/assets/f.woff2); }\n.hero { background: url(https\\3a //img.example.com/hero.jpg); }\n", "assets/site.css");
        var leak = Assert.Single(leaks);
        Assert.Equal(4, leak.Line);
        Assert.Contains("img.example.com", leak.What);
    }

    [Fact]
    public void Audits_scripts_and_svg_files()
    {
        Assert.Contains("t.example.com", Assert.Single(Audit.AuditScript("const a = 1;\nfetch('https://t.example.com/x');\n")).What);
        Assert.Empty(Audit.AuditScript("document.querySelector('[data-consent-vendor]'); location.href = '/';"));
        var svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<image xlink:href=\"https://t.example.com/p.png\"/></svg>";
        Assert.Equal(3, Assert.Single(Audit.AuditDocument(svg, "assets/logo.svg")).Line);
        var entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY t \"https://t.example.com/p.png\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"&t;\"/></svg>";
        Assert.Contains(Audit.AuditDocument(entity, "a.svg"), l => l.What.Contains("entities"));
    }
}
