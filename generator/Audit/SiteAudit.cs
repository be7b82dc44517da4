using System.Diagnostics;
using Express.Site.Serving;
using Microsoft.Playwright;

namespace Express.Site.Audit;

/// <summary>
/// The compliance audit of a built site: serves it on 127.0.0.1, finds every page, visits all of them in every
/// consent state (several states at once, each in its own browser context), and checks what it saw against the
/// declaration the site publishes.
/// </summary>
public sealed class SiteAudit(IBrowser browser, string outputDir)
{
    /// <summary>How long to wait after the network went quiet, so that late tags and pixels are seen too.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How many consent states are visited at once, each in its own context. A visit mostly waits for the network
    /// to go quiet, so visiting all seven states at once takes half the time of four at a time, even on 2 cores.
    /// </summary>
    public int StatesAtOnce { get; init; } = 8;

    /// <summary>Called with a line of progress, e.g. "accepted: 12 pages, 3 findings".</summary>
    public Action<string> Progress { get; init; } = _ => { };

    /// <summary>The pages to visit instead of all that the crawler finds (e.g. ["/"]).</summary>
    public IReadOnlyList<string>? Pages { get; init; }

    /// <summary>The states to visit (by name) instead of all.</summary>
    public IReadOnlySet<string>? OnlyStates { get; init; }

    /// <summary>When set, screenshots of the banner and the privacy center are saved there (banner.png, center.png).</summary>
    public string? ScreenshotDir { get; init; }

    public async Task<AuditResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var config = AuditConfig.Load(outputDir);
        using var server = Serve(outputDir);
        var pages = Pages ?? await PagesToVisitAsync(server.Origin, outputDir);
        Progress($"{pages.Count} pages, declaration revision {config.Revision}");
        var states = ConsentState.All(config).Where(s => OnlyStates?.Contains(s.Name) ?? true).ToList();
        var observer = new StateObserver(browser, server.Origin, Settle);

        var results = new PageObservation[states.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, states.Count), new ParallelOptions { MaxDegreeOfParallelism = StatesAtOnce }, async (i, _) =>
        {
            results[i] = [.. await observer.ObserveAsync(states[i], pages)];
            Progress($"{states[i].Name}: {states[i].Description}, {pages.Count} pages visited");
        });
        var observations = results.SelectMany(r => r).ToList();
        if (ScreenshotDir is not null) await ScreenshotsAsync(server.Origin, ScreenshotDir);
        return new AuditResult(config.Revision, DateTimeOffset.UtcNow, pages, states, observations, AuditChecks.Check(config, states, observations), clock.Elapsed);
    }

    /// <summary>Serves <paramref name="outputDir"/> on 127.0.0.1 as Netlify does, with the netlify.toml beside it.</summary>
    public static StaticSiteServer Serve(string outputDir) =>
        new(outputDir, netlifyToml: Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputDir).TrimEnd('/'))!, "netlify.toml"));

    /// <summary>
    /// Every page the crawler finds from the site served at <paramref name="origin"/>, and every other document in
    /// <paramref name="outputDir"/>: a file no page links to loads all the same for whoever has its address.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PagesToVisitAsync(string origin, string outputDir) =>
        [.. (await SiteCrawler.CrawlAsync(origin)).Union(SiteCrawler.DocumentsIn(outputDir), StringComparer.Ordinal)];

    private async Task ScreenshotsAsync(string origin, string folder)
    {
        Directory.CreateDirectory(folder);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await new ThirdPartyStandIns(new Uri(origin).Host).InstallAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + "/");
        await page.WaitForSelectorAsync(ConsentState.ReadySelector, new() { State = WaitForSelectorState.Attached });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "banner.png") });
        await page.Locator("[data-consent-banner] [data-consent-action='settings']").ClickAsync();
        await page.Locator(ConsentState.CenterOpenSelector).First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "center.png") });
    }
}
