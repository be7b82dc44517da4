using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Express.Site.Audit;

/// <summary>
/// Visits every page of the site in one consent state, in a fresh browser context, and records what each page
/// leaves behind: cookies (with the script that set them, where the browser tells), storage, third-party requests,
/// and the forms and retention table entries on it.
/// </summary>
public sealed class StateObserver(IBrowser browser, string origin, TimeSpan settle)
{
    /// <summary>Reports every document.cookie write with the script it came from (the first URL in the call stack).</summary>
    private const string CookieWriterHook = """
        (() => {
          const property = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
          Object.defineProperty(Document.prototype, 'cookie', {
            configurable: true,
            get() { return property.get.call(this); },
            set(value) {
              try {
                const script = (new Error().stack.match(/(https?:\/\/[^\s)]+?):\d+:\d+/) || [])[1] || null;
                window.__expressCookieWritten(String(value).split('=')[0].trim().replace(/\s/g, '') + ' ' + (script || ''));
              } catch (e) { }
              property.set.call(this, value);
            },
          });
        })();
        """;

    private const string Gpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });";

    private const string StorageKeys = "async () => [...Object.keys(localStorage).map(k => 'localStorage:' + k), ...Object.keys(sessionStorage).map(k => 'sessionStorage:' + k), ...(indexedDB.databases ? (await indexedDB.databases()).map(d => 'indexedDB:' + d.name) : [])]";

    public async Task<IReadOnlyList<PageObservation>> ObserveAsync(ConsentState state, IReadOnlyList<string> pages)
    {
        var siteHost = new Uri(origin).Host;
        var options = new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } };
        if (state.GlobalPrivacyControl) options.ExtraHTTPHeaders = new Dictionary<string, string> { ["Sec-GPC"] = "1" };
        await using var context = await browser.NewContextAsync(options);
        var standIns = new ThirdPartyStandIns(siteHost);
        await standIns.InstallAsync(context);
        var writers = new ConcurrentDictionary<string, string>();
        await context.ExposeFunctionAsync("__expressCookieWritten", (Action<string>)(written =>
        {
            var (name, script) = (written[..written.IndexOf(' ')], written[(written.IndexOf(' ') + 1)..]);
            if (script.Length > 0) writers[name] = script;
        }));
        await context.AddInitScriptAsync(CookieWriterHook);
        if (state.GlobalPrivacyControl) await context.AddInitScriptAsync(Gpc);

        var page = await context.NewPageAsync();
        await OpenAsync(page, pages[0]);
        await state.Enter(page);
        await SettleAsync(page);

        var observations = new List<PageObservation>();
        foreach (var path in pages)
        {
            var before = standIns.Requests.Count;
            await OpenAsync(page, path);
            await SettleAsync(page);
            var requests = standIns.Requests.Skip(before).Select(url => (Url: url, new Uri(url).Host))
                .Select(r => new SeenRequest(r.Url, r.Host, Blocked: !ThirdPartyStandIns.HasStandIn(r.Host))).ToList();
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var cookies = (await context.CookiesAsync()).Select(c => new SeenCookie(
                c.Name, c.Domain, c.Path, c.Expires < 0 ? null : (long)c.Expires - now,
                c.Domain.TrimStart('.') == siteHost || siteHost.EndsWith("." + c.Domain.TrimStart('.'), StringComparison.Ordinal),
                writers.GetValueOrDefault(c.Name))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            observations.Add(new PageObservation(state.Name, path, cookies,
                await page.EvaluateAsync<string[]>(StorageKeys), requests,
                await page.EvaluateAsync<string[]>("() => [...document.forms].map(f => f.getAttribute('name') || '')"),
                await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-retention-form]')].map(e => e.dataset.retentionForm)")));
        }
        return observations;
    }

    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(origin + path, new() { WaitUntil = WaitUntilState.Load });
        // The consent script marks the page when it has read its configuration; a page without it (an SVG, a fragment) is audited as it is.
        if (!await page.EvaluateAsync<bool>("() => !!document.querySelector('script[data-config]')")) return;
        try
        {
            await page.WaitForSelectorAsync(ConsentState.ReadySelector, new() { State = WaitForSelectorState.Attached, Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Waits until the network has been quiet for a while, so that late tags and pixels are seen too.</summary>
    private async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
        }
        await Task.Delay(settle);
    }
}
