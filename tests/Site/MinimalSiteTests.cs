using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Builds the minimal fixture site and checks the output a visitor and a search engine get.</summary>
public sealed class MinimalSiteTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public MinimalSiteTests()
    {
        _site.RunSuccessfully();
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Pages_get_pretty_urls_and_permalinks()
    {
        Assert.True(_site.OutputExists("index.html"));
        Assert.True(_site.OutputExists("om-oss/index.html"));
        Assert.True(_site.OutputExists("stillinger/index.html"));
        Assert.True(_site.OutputExists("stillinger/snart/index.html"));
        Assert.True(_site.OutputExists("404.html"));
        Assert.False(_site.OutputExists("404/index.html"));
    }

    [Fact]
    public void Drafts_and_expired_pages_are_not_published()
    {
        Assert.False(_site.OutputExists("utkast/index.html"));
        Assert.False(_site.OutputExists("gammel/index.html"));
        Assert.False(_site.OutputExists("stillinger/utlopt/index.html"));
        Assert.DoesNotContain("Utløpt", _site.ReadOutput("stillinger/index.html"));
    }

    [Fact]
    public void Layouts_chain_and_see_page_site_and_data()
    {
        var html = _site.ReadOutput("om-oss/index.html");
        Assert.Contains("<title>Om oss | Testside</title>", html);
        Assert.Contains("<h1>Om oss</h1>", html);
        Assert.Contains("Vi har 2 ansatte.", html);
        Assert.Contains("<li>Kari: Rådgiver</li>", html);
        Assert.Contains("<html lang=\"nb\">", html);
        Assert.Contains("Spør Kari.", _site.ReadOutput("kontakt/index.html"));
    }

    [Fact]
    public void The_menu_lists_nav_pages_in_order()
    {
        var html = _site.ReadOutput("index.html");
        Assert.Contains("<nav><a href=\"/kontakt/\">Kontakt</a> <a href=\"/om-oss/\">Om oss</a> <a href=\"/stillinger/\">Stillinger</a> </nav>", html);
    }

    [Fact]
    public void Collections_list_live_items_by_deadline_in_norwegian()
    {
        var html = _site.ReadOutput("stillinger/index.html");
        Assert.Contains("<ul class=\"jobs\"><li><a href=\"/stillinger/snart/\">Snart frist</a> 10. desember 2026</li><li><a href=\"/stillinger/senere/\">Senere frist</a> 31. januar 2027</li></ul>", html);
    }

    [Fact]
    public void Json_function_writes_script_safe_json()
    {
        var html = _site.ReadOutput("stillinger/snart/index.html");
        Assert.Contains("{\"@type\":\"JobPosting\",\"title\":\"Snart frist\",\"validThrough\":\"2026-12-10\",\"description\":\"\\u003Cp\\u003ESoon.\\u003C/p\\u003E\\n\"}", html);
    }

    [Fact]
    public void Assets_are_fingerprinted_and_referenced()
    {
        var css = Directory.GetFiles(Path.Combine(_site.Output, "assets", "css"));
        var name = Path.GetFileName(Assert.Single(css));
        Assert.Matches(@"^site\.[0-9a-f]{10}\.css$", name);
        Assert.Contains($"href=\"/assets/css/{name}\"", _site.ReadOutput("index.html"));
    }

    [Fact]
    public void Static_files_are_copied()
    {
        Assert.Equal("A static file, copied as it is.\n", _site.ReadOutput("robots-note.txt"));
    }

    [Fact]
    public void Sitemap_lists_published_pages_only_and_robots_points_at_it()
    {
        var sitemap = _site.ReadOutput("sitemap.xml");
        Assert.Contains("<loc>https://test.example.no/</loc>", sitemap);
        Assert.Contains("<loc>https://test.example.no/om-oss/</loc><lastmod>2026-01-15</lastmod>", sitemap);
        Assert.Contains("<loc>https://test.example.no/stillinger/snart/</loc>", sitemap);
        Assert.DoesNotContain("404", sitemap);
        Assert.DoesNotContain("utkast", sitemap);
        Assert.DoesNotContain("utlopt", sitemap);
        Assert.DoesNotContain("gammel", sitemap);
        Assert.Equal("User-agent: *\nAllow: /\n\nSitemap: https://test.example.no/sitemap.xml\n", _site.ReadOutput("robots.txt"));
    }

    [Fact]
    public void Canonical_url_uses_the_base_url()
    {
        Assert.Contains("<link rel=\"canonical\" href=\"https://test.example.no/om-oss/\">", _site.ReadOutput("om-oss/index.html"));
    }

    [Fact]
    public void Markdown_gets_norwegian_typography_and_heading_ids()
    {
        var home = _site.ReadOutput("index.html");
        Assert.Contains("Velkommen til «Testside» – les", home);
        Assert.Contains("<h2 id=\"historie\">Historie</h2>", _site.ReadOutput("om-oss/index.html"));
    }

    [Fact]
    public void A_later_build_replaces_the_output_and_leaves_no_temporary_folders()
    {
        _site.Write("input/ny.md", "---\ntitle: Ny\ndescription: New.\n---\nNy side.\n");
        _site.RunSuccessfully();
        Assert.True(_site.OutputExists("ny/index.html"));
        Assert.Equal(["input", "output", "theme"], _site.TopLevelEntries());
    }
}
