using Express.Site.Tests.Support.Browser;

namespace Express.Site.Tests.Browser;

/// <summary>The banner and the privacy center with the keyboard only, and axe-core with each layer open (rules 19, 20).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentAccessibilityTests(BrowserFixture browser, ServedSite site) : IClassFixture<ServedSite>
{
    private Task<Visitor> VisitorAsync() => Visitor.StartAsync(browser, site);

    private const string Focused = "() => { const e = document.activeElement; return (e.dataset.consentAction || e.id || e.localName) + (e.closest('[data-consent-banner]') ? '@banner' : e.closest('[data-consent-center]') ? '@center' : ''); }";

    /// <summary>Presses Tab until <paramref name="target"/> has focus, at most 40 times.</summary>
    private static async Task TabToAsync(Visitor visitor, string target)
    {
        for (var i = 0; i < 40; i++)
        {
            await visitor.Page.Keyboard.PressAsync("Tab");
            if (await visitor.Page.EvaluateAsync<string>(Focused) == target) return;
        }
        Assert.Fail($"Tab never reached {target}");
    }

    [Fact]
    public async Task The_skip_link_then_the_banner_are_reached_first_and_rejecting_works_with_the_keyboard_alone()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await visitor.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hopp til hovedinnhold", await visitor.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await visitor.Page.Keyboard.PressAsync("Tab");
        Assert.EndsWith("@banner", await visitor.Page.EvaluateAsync<string>(Focused));

        await TabToAsync(visitor, "reject-all@banner");
        var outline = await visitor.Page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.Equal("solid 3px", outline);
        await visitor.Page.Keyboard.PressAsync("Enter");

        Assert.False(await visitor.Banner.IsVisibleAsync());
        Assert.False((await visitor.ConsentRecordAsync())!.Value.GetProperty("c").GetProperty("statistics").GetBoolean());
    }

    [Fact]
    public async Task The_privacy_center_works_with_tab_space_enter_and_escape()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        await TabToAsync(visitor, "settings@banner");
        await visitor.Page.Keyboard.PressAsync("Space");
        await visitor.WaitForCenterAsync();
        Assert.EndsWith("@center", await visitor.Page.EvaluateAsync<string>(Focused));

        // Escape closes the center without recording anything; the banner is still there.
        await visitor.Page.Keyboard.PressAsync("Escape");
        Assert.False(await visitor.Center.IsVisibleAsync());
        Assert.Null(await visitor.ConsentRecordAsync());
        Assert.True(await visitor.Banner.IsVisibleAsync());

        await TabToAsync(visitor, "settings@banner");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.WaitForCenterAsync();
        await TabToAsync(visitor, "samtykke-statistics@center");
        await visitor.Page.Keyboard.PressAsync("Space");
        Assert.True(await visitor.Page.IsCheckedAsync("#samtykke-statistics"));
        await TabToAsync(visitor, "save@center");
        await visitor.Page.Keyboard.PressAsync("Enter");

        Assert.False(await visitor.Center.IsVisibleAsync());
        var choice = (await visitor.ConsentRecordAsync())!.Value.GetProperty("c");
        Assert.True(choice.GetProperty("statistics").GetBoolean());
        Assert.False(choice.GetProperty("marketing").GetBoolean());
    }

    [Fact]
    public async Task The_modal_center_keeps_focus_inside_and_the_banner_traps_nothing()
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync("/");
        // The banner is not modal: tabbing goes on into the page.
        await TabToAsync(visitor, "settings@banner");
        await visitor.Page.Keyboard.PressAsync("Tab");
        Assert.DoesNotContain("@", await visitor.Page.EvaluateAsync<string>(Focused));

        await visitor.Action(visitor.Banner, "settings").ClickAsync();
        await visitor.WaitForCenterAsync();
        for (var i = 0; i < 25; i++)
        {
            await visitor.Page.Keyboard.PressAsync("Tab");
            var focused = await visitor.Page.EvaluateAsync<string>(Focused);
            Assert.True(focused.EndsWith("@center", StringComparison.Ordinal) || focused == "body", focused);
        }
    }

    [Fact]
    public async Task Nothing_focused_hides_behind_the_banner()
    {
        await using var visitor = await VisitorAsync();
        await visitor.Page.EmulateMediaAsync(new() { ReducedMotion = Microsoft.Playwright.ReducedMotion.Reduce }); // measure where things end up
        await visitor.GotoAsync("/");
        var checkedElements = 0;
        for (var i = 0; i < 60; i++)
        {
            await visitor.Page.Keyboard.PressAsync("Tab");
            var overlap = await visitor.Page.EvaluateAsync<string?>("""
                () => {
                  const e = document.activeElement, banner = document.querySelector('[data-consent-banner]');
                  if (e === document.body || banner.contains(e)) return null;
                  const r = e.getBoundingClientRect(), b = banner.getBoundingClientRect();
                  return r.bottom > b.top + 1 || r.top < 0 ? (e.textContent.trim() || e.localName) + ' ' + Math.round(r.top) + '-' + Math.round(r.bottom) + ' banner from ' + Math.round(b.top) : '';
                }
                """);
            if (overlap is null) continue;
            checkedElements++;
            Assert.True(overlap == "", overlap);
        }
        Assert.True(checkedElements > 10, $"only {checkedElements} elements of the page were focused");
    }

    public static TheoryData<string, string> Layers() => new()
    {
        { "/", "banner" }, { "/", "center" }, { "/personvern/", "banner" }, { "/personvern/", "center" },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public async Task Axe_finds_no_wcag_violation_with_each_layer_open(string path, string layer)
    {
        await using var visitor = await VisitorAsync();
        await visitor.GotoAsync(path);
        if (layer == "center")
        {
            await visitor.Action(visitor.Banner, "settings").ClickAsync();
            await visitor.WaitForCenterAsync();
        }

        var result = await AxeInPage.RunAsync(visitor.Page, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);

        Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations.Select(v =>
            $"{v.Rule} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes)}")));
        Assert.True(result.Passes > 10, $"axe passed only {result.Passes} rules");
    }
}
