using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;

namespace Express.Site.Tests.Browser;

/// <summary>Sites built for one test: a declaration that changes under a visitor, and a page with a gated video.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentChangesTests(BrowserFixture browser)
{
    private sealed class Served(FixtureSite site) : ServedSite(site);

    [Fact]
    public async Task A_changed_declaration_asks_again_and_says_why()
    {
        using var site = new Served(FixtureSite.RealSite());
        await using var visitor = await Visitor.StartAsync(browser, site);
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();
        await visitor.WaitForRequestAsync("https://www.facebook.com/tr");
        var revision = (await visitor.ConsentRecordAsync())!.Value.GetProperty("rev").GetString();

        // Unchanged: the choice holds on the next page.
        await visitor.GotoAsync("/om-oss/");
        Assert.False(await visitor.Banner.IsVisibleAsync());

        // A cookie's lifetime changes: the visitor must be asked again, and nothing runs until then.
        site.Site.Replace("input/_data/privacy.yml", "name: _fbc\n        party: first\n        lifetime: 90 days", "name: _fbc\n        party: first\n        lifetime: 180 days");
        site.Build();
        visitor.ThirdParty.Requests.Clear();
        await visitor.GotoAsync("/om-oss/");

        Assert.True(await visitor.Banner.IsVisibleAsync());
        Assert.True(await visitor.Banner.Locator("[data-consent-notice='changed']").IsVisibleAsync());
        Assert.Empty(visitor.ThirdParty.Requests);

        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();
        var renewed = (await visitor.ConsentRecordAsync())!.Value;
        Assert.NotEqual(revision, renewed.GetProperty("rev").GetString());
        await visitor.WaitForRequestAsync("https://www.facebook.com/tr");
    }

    [Fact]
    public async Task The_placeholder_of_a_gated_video_grants_its_category_and_shows_it()
    {
        var fixture = GoldenPrivacy.GatingSite();
        fixture.Write("input/video.md", "---\ntitle: Video\ndescription: En film.\n---\nSe filmen:\n\n" +
            "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Film om Express\" allowfullscreen></iframe>\n");
        using var site = new Served(fixture);
        await using var visitor = await Visitor.StartAsync(browser, site);
        await visitor.GotoAsync("/video/");

        var placeholder = visitor.Page.Locator("[data-consent-placeholder='youtube']");
        Assert.True(await placeholder.IsVisibleAsync());
        Assert.False(await visitor.Page.Locator("iframe").IsVisibleAsync());
        Assert.Empty(visitor.ThirdParty.Requests);

        await placeholder.Locator("button").ClickAsync();

        await visitor.WaitForRequestAsync("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
        Assert.Equal(0, await placeholder.CountAsync());
        Assert.True(await visitor.Page.Locator("iframe").IsVisibleAsync());
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", await visitor.Page.Locator("iframe").GetAttributeAsync("src"));
        var choice = (await visitor.ConsentRecordAsync("samtykke"))!.Value.GetProperty("c"); // the fixture's consent cookie
        Assert.True(choice.GetProperty("marketing").GetBoolean());
        Assert.False(choice.GetProperty("statistics").GetBoolean());
        Assert.False(await visitor.Banner.IsVisibleAsync());
        Assert.Empty(await visitor.Csp.OnAsync(visitor.Page));
    }
}
