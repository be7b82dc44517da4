using System.Text.Json;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// One visitor of a served site: a fresh browser context (no cookies, no storage) whose requests to other hosts
/// are intercepted by <see cref="ThirdPartyStandIns"/> and whose CSP violations are recorded.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    public const string ConsentCookie = "express_samtykke";

    private readonly ServedSite _site;

    public IPage Page { get; }
    public ThirdPartyStandIns ThirdParty { get; }
    public CspViolations Csp { get; }

    private Visitor(ServedSite site, IPage page, ThirdPartyStandIns thirdParty, CspViolations csp) =>
        (_site, Page, ThirdParty, Csp) = (site, page, thirdParty, csp);

    public static async Task<Visitor> StartAsync(BrowserFixture browser, ServedSite site, BrowserNewContextOptions? options = null)
    {
        var context = await browser.Browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var thirdParty = new ThirdPartyStandIns();
        var csp = new CspViolations();
        await thirdParty.InstallAsync(context);
        await csp.InstallAsync(context);
        return new Visitor(site, await context.NewPageAsync(), thirdParty, csp);
    }

    public ILocator Banner => Page.Locator("[data-consent-banner]");
    public ILocator Center => Page.Locator("[data-consent-center]");

    /// <summary>Waits until the privacy center is open with its content (loaded when first opened).</summary>
    public async Task WaitForCenterAsync() =>
        await Page.Locator(ConsentState.CenterOpenSelector).First.WaitForAsync(new() { Timeout = 10_000 });

    /// <summary>The button or link for <paramref name="action"/> in <paramref name="scope"/> (the banner or the center).</summary>
    public ILocator Action(ILocator scope, string action) => scope.Locator($"[data-consent-action='{action}']");

    /// <summary>Opens a page and waits until the consent script has read its configuration.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(_site.Url(path));
        await WaitUntilReadyAsync();
    }

    public async Task WaitUntilReadyAsync() =>
        await Page.WaitForSelectorAsync(ConsentState.ReadySelector, new() { State = WaitForSelectorState.Attached, Timeout = 10_000 });

    /// <summary>Completes when the page loads next (e.g. after a reload the site itself does).</summary>
    public Task NextLoadAsync()
    {
        var loaded = new TaskCompletionSource();
        void OnLoad(object? sender, IPage page)
        {
            Page.Load -= OnLoad;
            loaded.TrySetResult();
        }
        Page.Load += OnLoad;
        return loaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The names of the site's own cookies (those on 127.0.0.1), sorted.</summary>
    public async Task<List<string>> CookieNamesAsync() =>
        [.. (await Page.Context.CookiesAsync()).Where(c => c.Domain == "127.0.0.1").Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>Every localStorage and sessionStorage key of the page's origin, and the IndexedDB databases.</summary>
    public async Task<string[]> StorageAsync() => await Page.EvaluateAsync<string[]>(
        "async () => [...Object.keys(localStorage), ...Object.keys(sessionStorage), ...(await indexedDB.databases()).map(d => 'indexedDB:' + d.name)]");

    /// <summary>The stored consent record (in the real site's consent cookie unless <paramref name="name"/> says otherwise), or null.</summary>
    public async Task<JsonElement?> ConsentRecordAsync(string name = ConsentCookie)
    {
        var cookie = (await Page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == name);
        return cookie is null ? null : JsonDocument.Parse(Uri.UnescapeDataString(cookie.Value)).RootElement;
    }

    /// <summary>Waits up to ten seconds for the consent record a choice stores (the survey's four visitors at once can
    /// keep the browser busy past the click's return).</summary>
    public async Task<JsonElement> WaitForConsentRecordAsync()
    {
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            if (await ConsentRecordAsync() is { } record) return record;
            await Task.Delay(50);
        }
        return (await ConsentRecordAsync()) ?? throw new Xunit.Sdk.XunitException("no consent record was stored within 10 s of the choice");
    }

    /// <summary>Waits up to ten seconds for a request to another host whose URL starts with <paramref name="prefix"/>.</summary>
    public async Task WaitForRequestAsync(string prefix)
    {
        for (var waited = 0; waited < 10_000 && !ThirdParty.Requests.Any(r => r.StartsWith(prefix, StringComparison.Ordinal)); waited += 50)
            await Task.Delay(50);
        Assert.True(ThirdParty.Requests.Any(r => r.StartsWith(prefix, StringComparison.Ordinal)),
            $"no request to {prefix}; seen: {string.Join(", ", ThirdParty.Requests)}");
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
