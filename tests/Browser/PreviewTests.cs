using System.Diagnostics;
using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Express.Site.Tests.Browser;

/// <summary>The editors' preview: a saved page reloads in the browser; a broken one shows its errors until it is fixed.</summary>
[Collection(WaitingBrowserCollection.Name)]
public sealed class PreviewTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();
    private readonly List<string> _log = [];

    public void Dispose() => _site.Dispose();

    private PreviewServer StartPreview()
    {
        var preview = new PreviewServer(_site.Options, FixtureSite.Today, line => { lock (_log) _log.Add(line); }, _ => { });
        Assert.True(preview.Start(port: 0).Succeeded);
        return preview;
    }

    private async Task<IPage> OpenAsync(PreviewServer preview, string path)
    {
        var context = await browser.Browser.NewContextAsync();
        await new ThirdPartyStandIns().InstallAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(preview.Origin + path);
        await page.WaitForSelectorAsync("html[data-live-reload='connected']", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    [Fact]
    public async Task A_saved_page_reloads_in_the_browser_with_the_new_text()
    {
        using var preview = StartPreview();
        var page = await OpenAsync(preview, "/om-oss/");
        await page.EvaluateAsync("() => window.__before = true");

        var clock = Stopwatch.StartNew();
        _site.Replace("input/om-oss.md", "## Hvem vi er", "## Hvem vi er\n\nEn helt ny setning fra forhåndsvisningen.");
        await page.WaitForSelectorAsync("text=En helt ny setning fra forhåndsvisningen.", new() { Timeout = 10_000 });
        output.WriteLine($"save to reloaded page: {clock.ElapsedMilliseconds} ms; {string.Join(" | ", _log)}");

        Assert.Null(await page.EvaluateAsync<bool?>("() => window.__before ?? null")); // a real reload
        Assert.Contains("Rendered 1 page(s)", string.Join("\n", _log.Where(l => l.Contains("after input/om-oss.md"))));
        Assert.Contains("En helt ny setning", _site.ReadOutput("om-oss/index.html"));
        Assert.DoesNotContain("live-reload", _site.ReadOutput("om-oss/index.html")); // injected when served, never written
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Broken_front_matter_shows_an_overlay_until_it_is_fixed_and_the_last_good_site_stays()
    {
        using var preview = StartPreview();
        var page = await OpenAsync(preview, "/om-oss/");
        var good = _site.ReadOutput("om-oss/index.html");

        _site.Replace("input/om-oss.md", "title: Om oss", "title: [Om oss");
        var overlay = page.Locator("[data-express-errors]");
        await overlay.WaitForAsync(new() { Timeout = 10_000 });
        var text = await overlay.InnerTextAsync();
        Assert.Contains("input/om-oss.md:2", text);
        Assert.Contains("Bygget feilet: 1 feil", text); // the title is the theme's (texts.yml)
        Assert.Equal(good, _site.ReadOutput("om-oss/index.html"));
        Assert.Contains("Om oss", await page.TitleAsync()); // the last good page is still there under the overlay

        // A page opened while the build is broken shows the errors too.
        var other = await OpenAsync(preview, "/kontakt/");
        await other.Locator("[data-express-errors]").WaitForAsync(new() { Timeout = 10_000 });

        _site.Replace("input/om-oss.md", "title: [Om oss", "title: Om oss igjen");
        await page.WaitForSelectorAsync("h1:has-text('Om oss igjen')", new() { Timeout = 10_000 });
        Assert.Equal(0, await page.Locator("[data-express-errors]").CountAsync());
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task A_pasted_undeclared_tag_shows_at_once_and_is_not_published()
    {
        using var preview = StartPreview();
        var page = await OpenAsync(preview, "/om-oss/");

        _site.Replace("input/om-oss.md", "## Hvem vi er", "<script src=\"https://static.hotjar.com/c/hotjar-1.js\"></script>\n\n## Hvem vi er");
        var overlay = page.Locator("[data-express-errors]");
        await overlay.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("static.hotjar.com, which no vendor in privacy.yml declares", await overlay.InnerTextAsync());
        Assert.DoesNotContain("hotjar", _site.ReadOutput("om-oss/index.html"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public void A_port_in_use_gets_a_clear_message()
    {
        using var first = StartPreview();
        var port = new Uri(first.Origin).Port;
        using var second = new PreviewServer(_site.Options, FixtureSite.Today, _ => { }, _ => { });
        var error = Assert.Throws<InvalidOperationException>(() => second.Start(port));
        Assert.Contains($"cannot listen on port {port}", error.Message);
        Assert.Contains("--port", error.Message);
    }
}
