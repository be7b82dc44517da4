using System.Text.Json;
using AngleSharp.Html.Parser;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Job ads on the real site: checked values, the hiring organization, and what happens on the day an ad expires.</summary>
public sealed class JobAdTests : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();

    public void Dispose() => _site.Dispose();

    private const string Ad = "input/stillinger/selger.md";

    private string FailingBuild()
    {
        var (code, console) = _site.Run();
        Assert.True(code == 1, console);
        Assert.DoesNotContain("   at ", console);
        Assert.Contains("The build failed with 1 error(s)", console);
        return console;
    }

    private JsonElement Posting(string path)
    {
        var script = new HtmlParser().ParseDocument(_site.ReadOutput(path)).QuerySelector("script[type='application/ld+json']")!;
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    [Fact]
    public void An_employment_type_that_schema_org_does_not_know_fails()
    {
        _site.Replace(Ad, "employment_type: FULL_TIME", "employment_type: heltid");
        var console = FailingBuild();
        Assert.Contains("input/stillinger/selger.md:9:1: error: 'employment_type: heltid' is not one of the values pages in 'stillinger/' may have", console);
        Assert.Contains("FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER", console);
    }

    [Fact]
    public void A_deadline_before_the_posting_date_fails()
    {
        _site.Replace(Ad, "deadline: 2026-12-18", "deadline: 2025-12-18");
        Assert.Contains("input/stillinger/selger.md:5:1: error: 'deadline' (2025-12-18) is before 'date' (", FailingBuild());
    }

    [Theory]
    [InlineData("FULL_TIME", "Heltid")]
    [InlineData("PART_TIME", "Deltid")]
    [InlineData("CONTRACTOR", "Oppdrag")]
    [InlineData("TEMPORARY", "Midlertidig")]
    [InlineData("INTERN", "Praksisplass")]
    [InlineData("VOLUNTEER", "Frivillig")]
    [InlineData("PER_DIEM", "Tilkalling")]
    [InlineData("OTHER", "Annet")]
    public void Every_employment_type_shows_a_label(string type, string label)
    {
        _site.Replace(Ad, "employment_type: FULL_TIME", $"employment_type: {type}");
        _site.Replace(Ad, "extent: ", "# extent: ");
        _site.RunSuccessfully();
        var page = new HtmlParser().ParseDocument(_site.ReadOutput("stillinger/selger/index.html"));
        var row = page.QuerySelectorAll(".facts__row").Single(r => r.QuerySelector("dt")!.TextContent == "Stillingstype");
        Assert.Equal(label, row.QuerySelector("dd")!.TextContent);
        Assert.Equal(type, Posting("stillinger/selger/index.html").GetProperty("employmentType").GetString());
    }

    [Fact]
    public void A_named_employer_is_the_hiring_organization()
    {
        _site.Replace(Ad, "employment_type: FULL_TIME", "employment_type: FULL_TIME\nemployer: Kunde AS\nemployer_url: https://kunde.example.no");
        _site.RunSuccessfully();
        var organization = Posting("stillinger/selger/index.html").GetProperty("hiringOrganization");
        Assert.Equal("Organization", organization.GetProperty("@type").GetString());
        Assert.Equal("Kunde AS", organization.GetProperty("name").GetString());
        Assert.Equal("https://kunde.example.no", organization.GetProperty("sameAs").GetString());
        Assert.Equal("confidential", Posting("stillinger/regnskapsmedarbeider/index.html").GetProperty("hiringOrganization").GetString());
    }

    [Fact]
    public void On_the_day_after_the_deadline_a_link_to_the_ad_still_builds_and_the_ad_says_it_is_closed()
    {
        _site.Replace("input/kontakt.md", "\n---\n", "\n---\nSe også [selgerjobben](/stillinger/selger/).\n\n");
        var (before, _) = SiteBuilder.Build(_site.Options with { Now = new DateTime(2026, 12, 18, 23, 0, 0, DateTimeKind.Utc) });
        Assert.False(before.Pages.Single(p => p.Url == "/stillinger/selger/").RequireMeta().Closed);

        var (site, warnings) = SiteBuilder.Build(_site.Options with { Now = new DateTime(2026, 12, 19, 0, 0, 1, DateTimeKind.Utc) });
        var ad = site.Pages.Single(p => p.Url == "/stillinger/selger/");
        Assert.True(ad.RequireMeta().Closed);
        var html = new HtmlParser().ParseDocument(ad.Html);
        Assert.Contains("Stillingen er ikke lenger ledig", html.QuerySelector(".job__closed")!.TextContent);
        Assert.Empty(html.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.Null(html.QuerySelector(".job__apply"));
        Assert.NotNull(html.QuerySelector("meta[name=robots][content=noindex]"));
        var list = site.Pages.Single(p => p.Url == "/stillinger/").Html;
        Assert.DoesNotContain("/stillinger/selger/", list);
        var sitemap = site.Files.Single(f => f.OutputPath == "sitemap.xml").Content!;
        Assert.DoesNotContain("/stillinger/selger/", sitemap);
        Assert.DoesNotContain(warnings, w => w.Message.Contains("selger", StringComparison.Ordinal));
    }
}
