using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// One fresh visit of a page of HTML at https://www.express.no/m/, answered by Playwright's routing (nothing leaves
/// the machine): every request to another host is recorded and blocked, and what the page stored is read after the
/// network went quiet.
/// </summary>
public static class PageVisit
{
    public const string Origin = "https://www.express.no";
    public const string Path = "/m/";

    /// <summary>What the visit did: the other hosts' URLs it asked for, and whether it stored, set or navigated anything.</summary>
    public sealed record Result(IReadOnlyList<string> Requests, bool StoredOrNavigated);

    /// <summary>
    /// Visits each page in its own fresh context, several at once (a visit is mostly waiting for a quiet network);
    /// the results are in the order of <paramref name="pages"/>.
    /// </summary>
    public static async Task<Result[]> VisitAllAsync(IBrowser browser, IReadOnlyList<(string Html, string? Csp)> pages)
    {
        var results = new Result[pages.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count), new ParallelOptions { MaxDegreeOfParallelism = 6 },
            async (i, _) => results[i] = await VisitAsync(browser, pages[i].Html, pages[i].Csp));
        return results;
    }

    /// <param name="csp">the Content-Security-Policy header to send, or null for none.</param>
    public static async Task<Result> VisitAsync(IBrowser browser, string html, string? csp)
    {
        await using var context = await browser.NewContextAsync();
        var requests = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url == Origin + Path)
            {
                var headers = new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8" };
                if (csp is not null) headers["Content-Security-Policy"] = csp;
                await route.FulfillAsync(new() { Status = 200, Headers = headers, Body = html });
            }
            else if (url.StartsWith(Origin + "/", StringComparison.Ordinal)) await route.FulfillAsync(new() { Status = 404, Body = "" });
            else
            {
                if (!url.StartsWith("data:", StringComparison.Ordinal)) requests.Enqueue(url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Origin + Path, new() { WaitUntil = WaitUntilState.Load });
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
        var stored = (await context.CookiesAsync()).Count > 0 || page.Url != Origin + Path
                     || await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length") > 0;
        return new Result([.. requests.Distinct()], stored);
    }
}
