using System.Text.Json;
using Express.Site.Tests.Support.Browser;
using Microsoft.Playwright;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The consent banner and privacy center on the real site, in Chromium: what a visitor sees, what each choice lets
/// load, and what withdrawal removes (rules 1–14 of consent-requirements.md).
/// </summary>
[Collection(WaitingBrowserCollection.Name)]
public sealed class ConsentManagerTests(BrowserFixture browser, ServedSite site) : IClassFixture<ServedSite>
{
    private const string GoogleTag = "https://www.googletagmanager.com/gtag/js";
    private const string GoogleBeacon = "https://region1.google-analytics.com/g/collect";
    private const string MetaScript = "https://connect.facebook.net/";
    private const string MetaPixel = "https://www.facebook.com/tr";

    private static readonly string[] OtherPages = ["/om-oss/", "/stillinger/", "/personvern/"];

    private Task<Visitor> VisitorAsync(BrowserNewContextOptions? options = null) => Visitor.StartAsync(browser, site, options);

    private static Dictionary<string, bool> Choices(JsonElement record) =>
        record.GetProperty("c").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());

    [Fact]
    public async Task A_first_visit_shows_the_banner_and_stores_and_requests_nothing_on_any_page()
    {
        await using var visitor = await VisitorAsync();
        foreach (var path in (string[])["/", .. OtherPages])
        {
            await visitor.GotoAsync(path);
            Assert.True(await visitor.Banner.IsVisibleAsync(), path);
            Assert.Empty(await visitor.Page.Context.CookiesAsync()); // none at all, on any domain
            Assert.Empty(await visitor.StorageAsync());
        }
        Assert.Empty(visitor.ThirdParty.Requests);
        Assert.Empty(await visitor.Csp.OnAsync(visitor.Page));
    }

    [Fact]
    public async Task The_first_layer_states_the_purposes_and_links_before_three_equal_buttons()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        var banner = visitor.Banner;
        Assert.Equal("nb", await banner.GetAttributeAsync("lang"));
        var text = await banner.InnerTextAsync();
        Assert.Contains("Statistikk", text);
        Assert.Contains("Markedsføring", text);
        Assert.Equal(["/personvern/", "/personvern/#informasjonskapsler"], await banner.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"));
        // In reading order the links come before the buttons.
        Assert.True(await banner.EvaluateAsync<bool>("b => !!(b.querySelector('a').compareDocumentPosition(b.querySelector('button')) & Node.DOCUMENT_POSITION_FOLLOWING)"));

        var buttons = banner.Locator("button");
        Assert.Equal(["Godta alle", "Avvis alle", "Innstillinger"], await buttons.AllInnerTextsAsync());
        var looks = await buttons.EvaluateAllAsync<string[]>(
            "bs => bs.map(b => { const s = getComputedStyle(b); return [b.localName, s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderColor].join(' '); })");
        Assert.Single(looks.Distinct());
        var accept = await visitor.Action(banner, "accept-all").BoundingBoxAsync();
        var reject = await visitor.Action(banner, "reject-all").BoundingBoxAsync();
        Assert.Equal((Math.Round(accept!.Width), Math.Round(accept.Height)), (Math.Round(reject!.Width), Math.Round(reject.Height)));
    }

    [Theory]
    [InlineData(320, 568)]
    [InlineData(1280, 800)]
    public async Task Both_choices_are_visible_without_scrolling_and_nothing_scrolls_sideways(int width, int height)
    {
        await using var visitor = await VisitorAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await visitor.GotoAsync("/");
        var accept = await visitor.Action(visitor.Banner, "accept-all").BoundingBoxAsync();
        var reject = await visitor.Action(visitor.Banner, "reject-all").BoundingBoxAsync();
        Assert.Equal((Math.Round(accept!.Width), Math.Round(accept.Height)), (Math.Round(reject!.Width), Math.Round(reject.Height)));
        foreach (var action in (string[])["accept-all", "reject-all", "settings"])
        {
            var box = await visitor.Action(visitor.Banner, action).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= height && box.X >= 0 && box.X + box.Width <= width, $"{action} at {box.X},{box.Y} {box.Width}x{box.Height}");
        }
        Assert.True(await visitor.Page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {width}"));
        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.WaitForCenterAsync();
        Assert.True(await visitor.Page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {width}"));
        var center = await visitor.Page.EvaluateAsync<string>("() => { const c = document.querySelector('[data-consent-center]'); const wide = [...c.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > c.getBoundingClientRect().right + 1).map(e => e.localName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)); return c.scrollWidth + ' > ' + c.clientWidth + ': ' + wide.join(', '); }");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("() => { const c = document.querySelector('[data-consent-center]'); return c.scrollWidth <= c.clientWidth; }"), center);
    }

    [Fact]
    public async Task Escape_scrolling_clicking_elsewhere_and_navigating_record_nothing()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Page.Mouse.WheelAsync(0, 800);
        await visitor.Page.Keyboard.PressAsync("Escape");
        await visitor.Page.ClickAsync("h1");
        await visitor.Page.ClickAsync("nav a[href='/om-oss/']");
        await visitor.WaitUntilReadyAsync();
        Assert.True(await visitor.Banner.IsVisibleAsync());
        Assert.Empty(await visitor.CookieNamesAsync());
        Assert.Empty(visitor.ThirdParty.Requests);
    }

    [Fact]
    public async Task Rejecting_takes_one_click_and_later_pages_set_and_request_nothing()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "reject-all").ClickAsync();

        Assert.False(await visitor.Banner.IsVisibleAsync());
        var record = (await visitor.ConsentRecordAsync())!.Value;
        Assert.Equal(new Dictionary<string, bool> { ["statistics"] = false, ["marketing"] = false }, Choices(record));
        foreach (var path in OtherPages)
        {
            await visitor.GotoAsync(path);
            Assert.False(await visitor.Banner.IsVisibleAsync(), path);
        }
        Assert.Equal([Visitor.ConsentCookie], (await visitor.Page.Context.CookiesAsync()).Select(c => c.Name));
        Assert.Empty(await visitor.StorageAsync());
        Assert.Empty(visitor.ThirdParty.Requests);
    }

    [Fact]
    public async Task Accepting_all_stores_the_record_and_starts_google_and_meta_without_a_reload()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Page.EvaluateAsync("() => window.__samePage = true");
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();

        await visitor.WaitForRequestAsync(GoogleBeacon);
        await visitor.WaitForRequestAsync(MetaPixel);
        Assert.True(await visitor.Page.EvaluateAsync<bool>("() => window.__samePage === true"));
        var record = (await visitor.ConsentRecordAsync())!.Value;
        Assert.Matches("^[0-9a-f]{32}$", record.GetProperty("id").GetString());
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(record.GetProperty("ts").GetInt64()), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Matches("^[0-9a-f]{8}$", record.GetProperty("rev").GetString());
        Assert.Equal(new Dictionary<string, bool> { ["statistics"] = true, ["marketing"] = true }, Choices(record));
        var consentCookie = (await visitor.Page.Context.CookiesAsync()).Single(c => c.Name == Visitor.ConsentCookie);
        Assert.Equal(SameSiteAttribute.Lax, consentCookie.SameSite);
        Assert.Equal("/", consentCookie.Path);
        Assert.InRange(consentCookie.Expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 359 * 86400, 361 * 86400);
        Assert.Equal(["_fbp", "_ga", "_ga_XXXXXXXXXX", Visitor.ConsentCookie], await visitor.CookieNamesAsync());
        Assert.Contains(await visitor.Page.Context.CookiesAsync(), c => c.Name == "fr" && c.Domain == ".facebook.com"); // the pixel's own

        // Consent Mode v2: the tag was told "denied" before anything else, then the granted update.
        var consent = await visitor.Page.EvaluateAsync<string[]>("() => dataLayer.filter(a => a[0] === 'consent').map(a => a[1] + ':' + a[2].analytics_storage)");
        Assert.Equal(["default:denied", "update:granted"], consent);
        Assert.Empty(await visitor.Csp.OnAsync(visitor.Page));
    }

    [Fact]
    public async Task Choosing_only_statistics_loads_google_but_not_meta()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.WaitForCenterAsync();
        Assert.False(await visitor.Page.IsCheckedAsync("#samtykke-statistics"));
        Assert.False(await visitor.Page.IsCheckedAsync("#samtykke-marketing"));
        Assert.True(await visitor.Page.IsCheckedAsync("#samtykke-necessary"));
        Assert.True(await visitor.Page.IsDisabledAsync("#samtykke-necessary"));

        await visitor.Page.CheckAsync("#samtykke-statistics");
        await visitor.Action(visitor.Center, "save").ClickAsync();

        await visitor.WaitForRequestAsync(GoogleBeacon);
        await visitor.GotoAsync("/om-oss/");
        await visitor.WaitForRequestAsync(GoogleTag);
        Assert.DoesNotContain(visitor.ThirdParty.Requests, r => r.StartsWith(MetaScript, StringComparison.Ordinal) || r.StartsWith(MetaPixel, StringComparison.Ordinal));
        Assert.Equal(["_ga", "_ga_XXXXXXXXXX", Visitor.ConsentCookie], await visitor.CookieNamesAsync());
        Assert.Equal(new Dictionary<string, bool> { ["statistics"] = true, ["marketing"] = false }, Choices((await visitor.ConsentRecordAsync())!.Value));
    }

    [Fact]
    public async Task The_privacy_center_lists_each_vendor_with_its_cookies_lifetimes_and_country()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.WaitForCenterAsync();
        var text = await visitor.Center.InnerTextAsync();
        foreach (var expected in (string[])["Google Analytics", "Meta Pixel (Facebook)", "_ga_*", "_fbp", "90 dager", "12 måneder", "USA", "EU–US Data Privacy Framework", "express_samtykke"])
        {
            await visitor.Center.Locator("details").EvaluateAllAsync<int>("ds => ds.map(d => d.open = true).length");
            Assert.Contains(expected, await visitor.Center.InnerTextAsync());
        }
        Assert.Contains("Strengt nødvendige", text);
    }

    [Fact]
    public async Task The_footer_link_reopens_the_center_with_the_current_choice_on_every_page()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.Page.CheckAsync("#samtykke-marketing");
        await visitor.Action(visitor.Center, "save").ClickAsync();

        foreach (var path in OtherPages)
        {
            await visitor.GotoAsync(path);
            var link = visitor.Page.Locator("footer [data-consent-action='open']");
            Assert.Equal("Personverninnstillinger", await link.InnerTextAsync());
            await link.ClickAsync();
            await visitor.WaitForCenterAsync();
            Assert.EndsWith(path, visitor.Page.Url); // not navigated
            Assert.False(await visitor.Page.IsCheckedAsync("#samtykke-statistics"));
            Assert.True(await visitor.Page.IsCheckedAsync("#samtykke-marketing"));
            await visitor.Action(visitor.Center, "close").ClickAsync();
            Assert.False(await visitor.Center.IsVisibleAsync());
        }
        // The privacy statement has its own link to the settings.
        await visitor.Page.ClickAsync("main [data-consent-action='open']");
        await visitor.WaitForCenterAsync();
    }

    [Fact]
    public async Task Withdrawing_in_two_interactions_deletes_the_cookies_reloads_and_stops_the_requests()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();
        await visitor.WaitForRequestAsync(MetaPixel);
        await visitor.WaitForRequestAsync(GoogleBeacon);
        Assert.Contains("_ga", await visitor.CookieNamesAsync());

        await visitor.Page.ClickAsync("footer [data-consent-action='open']");
        var reload = visitor.NextLoadAsync();
        await visitor.Action(visitor.Center, "reject-all").ClickAsync();
        await reload;
        await visitor.WaitUntilReadyAsync();

        Assert.Equal([Visitor.ConsentCookie], await visitor.CookieNamesAsync());
        Assert.Equal(new Dictionary<string, bool> { ["statistics"] = false, ["marketing"] = false }, Choices((await visitor.ConsentRecordAsync())!.Value));
        visitor.ThirdParty.Requests.Clear();
        foreach (var path in OtherPages) await visitor.GotoAsync(path);
        Assert.Empty(visitor.ThirdParty.Requests);
        Assert.Equal([Visitor.ConsentCookie], await visitor.CookieNamesAsync());
    }

    [Fact]
    public async Task Narrowing_to_statistics_deletes_only_metas_cookie()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();
        await visitor.WaitForRequestAsync(MetaPixel);
        await visitor.WaitForRequestAsync(GoogleBeacon);

        await visitor.Page.ClickAsync("footer [data-consent-action='open']");
        await visitor.Page.UncheckAsync("#samtykke-marketing");
        var reload = visitor.NextLoadAsync();
        await visitor.Action(visitor.Center, "save").ClickAsync();
        await reload;
        await visitor.WaitUntilReadyAsync();

        await visitor.WaitForRequestAsync(GoogleTag);
        Assert.Equal(["_ga", "_ga_XXXXXXXXXX", Visitor.ConsentCookie], await visitor.CookieNamesAsync());
    }

    [Fact]
    public async Task A_choice_older_than_its_lifetime_is_asked_again()
    {
        await using var visitor = await VisitorAsync();
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        await visitor.Page.Clock.InstallAsync(new() { TimeDate = start.UtcDateTime });
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "reject-all").ClickAsync();

        await visitor.Page.Clock.SetSystemTimeAsync(start.AddDays(359).UtcDateTime);
        await visitor.GotoAsync("/om-oss/");
        Assert.False(await visitor.Banner.IsVisibleAsync());

        await visitor.Page.Clock.SetSystemTimeAsync(start.AddDays(361).UtcDateTime);
        await visitor.GotoAsync("/om-oss/");
        Assert.True(await visitor.Banner.IsVisibleAsync());
        Assert.False(await visitor.Banner.Locator("[data-consent-notice='changed']").IsVisibleAsync());
    }

    [Fact]
    public async Task Global_privacy_control_refuses_marketing_and_the_center_says_why()
    {
        await using var visitor = await VisitorAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Sec-GPC"] = "1" },
        });
        // Browsers that send Sec-GPC expose the same signal to scripts; Chromium needs it set by hand.
        await visitor.Page.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })");
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();

        await visitor.WaitForRequestAsync(GoogleBeacon);
        Assert.Equal(new Dictionary<string, bool> { ["statistics"] = true, ["marketing"] = false }, Choices((await visitor.ConsentRecordAsync())!.Value));
        Assert.DoesNotContain(visitor.ThirdParty.Requests, r => r.StartsWith(MetaScript, StringComparison.Ordinal));

        await visitor.Page.ClickAsync("footer [data-consent-action='open']");
        await visitor.WaitForCenterAsync();
        Assert.True(await visitor.Center.Locator("[data-consent-notice='gpc']").IsVisibleAsync());
        Assert.Contains("Global Privacy Control", await visitor.Center.Locator("[data-consent-notice='gpc']").InnerTextAsync());
        Assert.True(await visitor.Page.IsDisabledAsync("#samtykke-marketing"));
        Assert.False(await visitor.Page.IsCheckedAsync("#samtykke-marketing"));
        // Nothing turns it on silently, not even "accept all" in the center.
        await visitor.Action(visitor.Center, "accept-all").ClickAsync();
        Assert.False(Choices((await visitor.ConsentRecordAsync())!.Value)["marketing"]);
    }

    [Fact]
    public async Task Without_global_privacy_control_the_center_says_nothing_about_it()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.WaitForCenterAsync();
        Assert.False(await visitor.Center.Locator("[data-consent-notice='gpc']").IsVisibleAsync());
        Assert.False(await visitor.Page.IsDisabledAsync("#samtykke-marketing"));
    }

    [Fact]
    public async Task The_banner_appears_without_shifting_the_page()
    {
        await using var visitor = await VisitorAsync();
        await visitor.Page.Context.AddInitScriptAsync(LayoutShifts.Observer);
        await visitor.GotoAsync("/");
        Assert.True(await visitor.Banner.IsVisibleAsync());
        var shift = (await LayoutShifts.AfterTwoFramesAsync(visitor.Page)).Sum(s => s.Value);
        Assert.Equal(0, shift);
    }
}
