using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Builds the real Express site (input/ and themes/express/) and checks what visitors and search engines get.</summary>
public sealed class RealSiteTests : IClassFixture<RealSiteTests.Built>
{
    public sealed class Built : IDisposable
    {
        public FixtureSite Site { get; } = FixtureSite.RealSite();
        public string Console { get; }

        public Built()
        {
            var console = Site.RunSuccessfully();
            Console = console;
        }

        public void Dispose() => Site.Dispose();
    }

    private readonly FixtureSite _site;
    private readonly string _console;

    public RealSiteTests(Built built) => (_site, _console) = (built.Site, built.Console);

    private static readonly string[] Pages =
    [
        "index.html", "kandidater/index.html", "bedrifter/index.html", "stillinger/index.html", "om-oss/index.html",
        "kontakt/index.html", "kontakt/takk/index.html", "personvern/index.html", "404.html",
    ];

    private IHtmlDocument Parse(string path) => new HtmlParser().ParseDocument(_site.ReadOutput(path));

    private IEnumerable<string> AllPages() => _site.OutputPages();

    [Fact]
    public void Every_page_of_the_site_is_built_without_warnings()
    {
        foreach (var page in Pages) Assert.True(_site.OutputExists(page), page);
        Assert.DoesNotContain("warning", _console);
    }

    [Fact]
    public void The_expired_job_ad_is_kept_as_closed_outside_the_list_and_the_list_is_by_deadline()
    {
        var closed = Parse("stillinger/prosjektleder/index.html");
        Assert.Contains("Stillingen er ikke lenger ledig", closed.QuerySelector(".job__closed")!.TextContent);
        Assert.Empty(closed.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.NotNull(closed.QuerySelector("meta[name=robots][content=noindex]"));
        Assert.DoesNotContain("/stillinger/prosjektleder/", _site.ReadOutput("sitemap.xml"));
        var list = Parse("stillinger/index.html");
        var links = list.QuerySelectorAll("main a[href^='/stillinger/']").Select(a => a.GetAttribute("href")).Distinct().ToList();
        Assert.Equal(["/stillinger/lagermedarbeider/", "/stillinger/selger/", "/stillinger/regnskapsmedarbeider/"], links);
    }

    [Theory]
    [InlineData("stillinger/lagermedarbeider/index.html")]
    [InlineData("stillinger/selger/index.html")]
    [InlineData("stillinger/regnskapsmedarbeider/index.html")]
    public void Each_job_page_carries_a_complete_JobPosting(string path)
    {
        var script = Assert.Single(Parse(path).QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var posting = json.RootElement;
        Assert.Equal("https://schema.org", posting.GetProperty("@context").GetString());
        Assert.Equal("JobPosting", posting.GetProperty("@type").GetString());
        foreach (var key in new[] { "title", "description", "datePosted", "validThrough", "employmentType" })
            Assert.False(string.IsNullOrWhiteSpace(posting.GetProperty(key).GetString()), key);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", posting.GetProperty("validThrough").GetString());
        // The ads are for clients who are not named: Google's value for an undisclosed hiring organization.
        Assert.Equal("confidential", posting.GetProperty("hiringOrganization").GetString());
        var address = posting.GetProperty("jobLocation").GetProperty("address");
        Assert.False(string.IsNullOrWhiteSpace(address.GetProperty("addressLocality").GetString()));
        Assert.Equal("NO", address.GetProperty("addressCountry").GetString());
    }

    [Fact]
    public void Every_page_has_canonical_description_and_open_graph_tags()
    {
        foreach (var path in AllPages().Where(p => p != "404.html"))
        {
            var doc = Parse(path);
            var canonical = doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
            Assert.StartsWith("https://www.express.no/", canonical);
            Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector("meta[name=description]")?.GetAttribute("content")), path);
            foreach (var property in new[] { "og:title", "og:description", "og:url", "og:type" })
                Assert.NotNull(doc.QuerySelector($"meta[property='{property}']"));
            Assert.Equal(canonical, doc.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
            Assert.Equal("nb", doc.DocumentElement.GetAttribute("lang"));
        }
    }

    [Fact]
    public void Contact_page_has_both_netlify_forms_with_honeypot_labels_and_a_thank_you_page()
    {
        var doc = Parse("kontakt/index.html");
        foreach (var name in new[] { "kontakt-oss", "mer-informasjon" })
        {
            var form = doc.QuerySelector($"form[name='{name}']");
            Assert.NotNull(form);
            Assert.Equal("true", form.GetAttribute("data-netlify"));
            Assert.Equal("POST", form.GetAttribute("method"), ignoreCase: true);
            Assert.Equal("/kontakt/takk/", form.GetAttribute("action"));
            Assert.Equal(name, form.QuerySelector("input[type=hidden][name='form-name']")?.GetAttribute("value"));
            var honeypot = form.GetAttribute("data-netlify-honeypot");
            Assert.NotNull(form.QuerySelector($"[name='{honeypot}']"));
            foreach (var field in form.QuerySelectorAll("input:not([type=hidden]), textarea, select").Where(f => f.GetAttribute("name") != honeypot))
                Assert.True(field.Id is not null && doc.QuerySelector($"label[for='{field.Id}']") is not null, $"{name}: field {field.GetAttribute("name")} has no label");
            Assert.NotNull(form.QuerySelector("button[type=submit]"));
        }
    }

    [Fact]
    public void Nothing_is_loaded_from_another_host_and_nothing_inline_would_need_unsafe_inline()
    {
        foreach (var path in AllPages())
        {
            var doc = Parse(path);
            foreach (var element in doc.QuerySelectorAll("script[src], link[href], img[src], iframe, source[src], video, audio, embed, object"))
            {
                var url = element.GetAttribute("src") ?? element.GetAttribute("href") ?? "";
                if (element.LocalName == "link" && element.GetAttribute("rel") == "canonical") continue;
                Assert.True(url.StartsWith('/') && !url.StartsWith("//"), $"{path}: <{element.LocalName}> loads {url}");
            }
            Assert.Empty(doc.QuerySelectorAll("[style]"));
            Assert.Empty(doc.QuerySelectorAll("style"));
            // Scripts are the first-party consent script, data (JSON-LD) or gated tags that do not run until the visitor consents.
            Assert.All(doc.QuerySelectorAll("script"), s => Assert.True(
                (s.GetAttribute("src") is { } src && src.StartsWith("/assets/js/consent.", StringComparison.Ordinal) && s.HasAttribute("defer")) ||
                s.GetAttribute("type") == "application/ld+json" ||
                (s.GetAttribute("type") == "text/plain" && s.HasAttribute("data-consent-vendor") && s.HasAttribute("data-consent-category") && !s.HasAttribute("src")),
                s.OuterHtml));
            Assert.DoesNotContain(doc.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Pages_have_one_h1_and_the_landmarks()
    {
        foreach (var path in AllPages())
        {
            var doc = Parse(path);
            Assert.Single(doc.QuerySelectorAll("h1"));
            Assert.NotNull(doc.QuerySelector("header"));
            Assert.NotNull(doc.QuerySelector("nav[aria-label]"));
            Assert.NotNull(doc.QuerySelector("main#hovedinnhold"));
            Assert.NotNull(doc.QuerySelector("footer"));
            Assert.NotNull(doc.QuerySelector("a[href='#hovedinnhold']"));
        }
    }

    [Fact]
    public void Privacy_statement_carries_the_facts_of_the_seed_corrected_for_the_new_site()
    {
        var text = Parse("personvern/index.html").QuerySelector("main")!.TextContent;
        foreach (var fact in new[]
                 {
                     "Express Rekruttering AS", "999 605 737", "Tom Erik Øverbø", "Pilestredet 8", "0180 Oslo", "CAPUS AS",
                     "tomerik@express.no", "+47 92 08 86 86", "Datatilsynet", "post@datatilsynet.no", "30 dager",
                     "Google Analytics", "Facebook", "Netlify", "TLS", "personvernforordningen",
                     "Kontakt oss", "Jeg vil ha mer informasjon", "EU–US Data Privacy Framework",
                 })
            Assert.Contains(fact, text);
        Assert.DoesNotContain("WordPress", text);
        Assert.DoesNotContain("Secure Sockets Layer", text);
        Assert.DoesNotContain("informasjonskaplser", text);
    }

    [Fact]
    public void Sitemap_and_robots_are_generated_for_the_real_domain()
    {
        var sitemap = _site.ReadOutput("sitemap.xml");
        Assert.Contains("<loc>https://www.express.no/personvern/</loc>", sitemap);
        Assert.DoesNotContain("takk", sitemap);
        Assert.DoesNotContain("404", sitemap);
        Assert.DoesNotContain("prosjektleder", sitemap);
        Assert.Contains("Sitemap: https://www.express.no/sitemap.xml", _site.ReadOutput("robots.txt"));
    }

    [Fact]
    public void Assets_are_fingerprinted()
    {
        var stylesheet = Parse("index.html").QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(@"^/assets/css/site\.[0-9a-f]{10}\.css$", stylesheet);
        Assert.True(_site.OutputExists(stylesheet.TrimStart('/')));
    }
}
