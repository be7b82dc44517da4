using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;
using Microsoft.Playwright;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The real site in Chromium with its generated _headers applied, as Netlify serves it: no page violates its
/// Content-Security-Policy, the gated tags can run under it once activated, and anything the build did not emit is
/// blocked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser, ServedSite served) : IClassFixture<ServedSite>
{
    private async Task<(IPage Page, CspViolations Violations, ThirdPartyStandIns ThirdParty)> OpenAsync(string path)
    {
        var context = await browser.Browser.NewContextAsync();
        var violations = new CspViolations();
        var thirdParty = new ThirdPartyStandIns();
        await violations.InstallAsync(context);
        await thirdParty.InstallAsync(context);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(served.Server.Url(path), new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy") ?? "");
        return (page, violations, thirdParty);
    }

    [Fact]
    public async Task No_page_violates_its_policy_or_contacts_another_host()
    {
        var paths = Directory.EnumerateFiles(served.Site.Output, "*.html", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(served.Site.Output, f).Replace('\\', '/'))
            .Select(p => p.EndsWith("/index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p)
            .Order().ToList();
        Assert.Contains("/personvern/", paths);
        var (page, violations, thirdParty) = await OpenAsync(paths[0]);
        foreach (var path in paths)
        {
            // One page for all (a new one costs a renderer process); the listener is installed again on each load.
            await page.GotoAsync(served.Server.Url(path), new() { WaitUntil = WaitUntilState.Load });
            Assert.True((await violations.OnAsync(page)).Count == 0, $"{path}: {string.Join("\n", await violations.OnAsync(page))}");
            Assert.True(thirdParty.Requests.IsEmpty, $"{path}: {string.Join("\n", thirdParty.Requests)}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Google_and_meta_tags_run_under_the_policy_after_consent_without_a_violation()
    {
        var (page, violations, thirdParty) = await OpenAsync("/");
        await page.WaitForSelectorAsync("html[data-consent='ready']", new() { State = WaitForSelectorState.Attached });
        await page.ClickAsync("[data-consent-banner] [data-consent-action='accept-all']");

        await Eventually(() => thirdParty.Requests.Any(r => r.StartsWith("https://region1.google-analytics.com/g/collect", StringComparison.Ordinal))
                                && thirdParty.Requests.Any(r => r.StartsWith("https://www.facebook.com/tr?", StringComparison.Ordinal)), thirdParty);
        var cookies = (await page.Context.CookiesAsync()).Select(c => c.Name).ToList();
        Assert.Contains("_ga", cookies);
        Assert.Contains("_fbp", cookies);
        Assert.Empty(await violations.OnAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Inline_code_the_build_did_not_emit_and_undeclared_hosts_are_blocked()
    {
        var (page, violations, thirdParty) = await OpenAsync("/");
        await page.EvaluateAsync("""
            () => {
              const inline = document.createElement('script');
              inline.textContent = 'window.__injected = true;';
              document.body.append(inline);
              const foreign = document.createElement('img');
              foreign.src = 'https://static.hotjar.com/pixel.gif';
              document.body.append(foreign);
              const style = document.createElement('div');
              style.innerHTML = '<p style="color: red">x</p>';
              document.body.append(style);
            }
            """);
        await page.WaitForTimeoutAsync(300);
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.__injected ?? null"));
        var found = string.Join("\n", await violations.OnAsync(page));
        Assert.Contains("script-src", found);
        Assert.Contains("img-src blocked https://static.hotjar.com/pixel.gif", found);
        Assert.Contains("style-src", found);
        Assert.DoesNotContain(thirdParty.Requests, r => r.Contains("hotjar", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private static async Task Eventually(Func<bool> condition, ThirdPartyStandIns thirdParty)
    {
        for (var waited = 0; waited < 10_000 && !condition(); waited += 50) await Task.Delay(50);
        Assert.True(condition(), "requests seen: " + string.Join("\n", thirdParty.Requests));
    }
}
