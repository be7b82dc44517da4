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
    /// <summary>A fresh visitor on <paramref name="path"/>, which must come with the site's policy.</summary>
    private async Task<Visitor> OpenAsync(string path)
    {
        var visitor = await Visitor.StartAsync(browser, served);
        var response = await visitor.Page.GotoAsync(served.Url(path), new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy") ?? "");
        return visitor;
    }

    [Fact]
    public async Task No_page_violates_its_policy_or_contacts_another_host()
    {
        var paths = served.Site.OutputPages()
            .Select(f => "/" + f.Replace('\\', '/'))
            .Select(p => p.EndsWith("/index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p)
            .Order().ToList();
        Assert.Contains("/personvern/", paths);
        await using var visitor = await OpenAsync(paths[0]);
        foreach (var path in paths)
        {
            // One page for all (a new one costs a renderer process); the listener is installed again on each load.
            await visitor.Page.GotoAsync(served.Url(path), new() { WaitUntil = WaitUntilState.Load });
            Assert.True((await visitor.Csp.OnAsync(visitor.Page)).Count == 0, $"{path}: {string.Join("\n", await visitor.Csp.OnAsync(visitor.Page))}");
            Assert.True(visitor.ThirdParty.Requests.IsEmpty, $"{path}: {string.Join("\n", visitor.ThirdParty.Requests)}");
        }
    }

    [Fact]
    public async Task Google_and_meta_tags_run_under_the_policy_after_consent_without_a_violation()
    {
        await using var visitor = await OpenAsync("/");
        await visitor.WaitUntilReadyAsync();
        await visitor.Action(visitor.Banner, "accept-all").ClickAsync();

        await visitor.WaitForRequestAsync("https://region1.google-analytics.com/g/collect");
        await visitor.WaitForRequestAsync("https://www.facebook.com/tr?");
        var cookies = await visitor.CookieNamesAsync();
        Assert.Contains("_ga", cookies);
        Assert.Contains("_fbp", cookies);
        Assert.Empty(await visitor.Csp.OnAsync(visitor.Page));
    }

    [Fact]
    public async Task Inline_code_the_build_did_not_emit_and_undeclared_hosts_are_blocked()
    {
        await using var visitor = await OpenAsync("/");
        var page = visitor.Page;
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
        // Each of the three is blocked as it is inserted; the violation events arrive as tasks after it. If one never
        // comes, the assertions below say which.
        try
        {
            await page.WaitForFunctionAsync("""
                () => ['script-src', 'img-src', 'style-src'].every(d => window.__cspViolations.some(v => v.startsWith(d)))
                """, null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
        }
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.__injected ?? null"));
        var found = string.Join("\n", await visitor.Csp.OnAsync(page));
        Assert.Contains("script-src", found);
        Assert.Contains("img-src blocked https://static.hotjar.com/pixel.gif", found);
        Assert.Contains("style-src", found);
        Assert.DoesNotContain(visitor.ThirdParty.Requests, r => r.Contains("hotjar", StringComparison.Ordinal));
    }
}
