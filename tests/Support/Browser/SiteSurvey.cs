using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// Every page of the built real site, visited in Chromium as a visitor's own tools would see it, in the two states
/// a visitor who has not consented can be in: <c>fresh</c> (no choice, the banner shows) and <c>rejected</c> (after
/// "Avvis alle"). Once per page, state and width it records the layout shifts (CLS); at the main width also what
/// axe-core finds (WCAG 2.0–2.2 A/AA and best practices), the DOM as the visitor has it (for the Nu HTML Checker),
/// and every request to another host. The tests in <c>tests/Browser/SiteCheckerTests.cs</c> assert on it.
/// </summary>
public sealed class SiteSurvey
{
    public static readonly string[] States = ["fresh", "rejected"];

    /// <summary>A small phone, a tablet, a laptop and a wide screen, each with its usual height.</summary>
    public static readonly (int Width, int Height)[] Viewports = [(320, 568), (768, 1024), (1280, 800), (1920, 1080)];

    public static IEnumerable<int> Widths => Viewports.Select(v => v.Width);

    /// <summary>Where axe runs and the DOM is kept.</summary>
    public const int MainWidth = 1280;

    public static readonly string[] AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    public sealed record Shift(string Path, string State, int Width, double Cls, string Sources);

    public sealed record AxeFinding(string Path, string State, string Rule, string Impact, string Help, string Nodes);

    public IReadOnlyList<string> Paths { get; private init; } = [];
    public ConcurrentBag<Shift> Shifts { get; } = [];
    public ConcurrentBag<AxeFinding> Axe { get; } = [];
    public ConcurrentDictionary<string, int> AxePasses { get; } = new();

    /// <summary>Requests to other hosts, as "path [state] url".</summary>
    public ConcurrentBag<string> ThirdPartyRequests { get; } = [];

    /// <summary>Content-Security-Policy violations, as "path [state] width: violation".</summary>
    public ConcurrentBag<string> CspViolations { get; } = [];

    /// <summary>The DOM of each page as the visitor has it, "path [state]" to serialized HTML.</summary>
    public ConcurrentDictionary<string, string> Dom { get; } = new();

    public TimeSpan Took { get; private set; }
    private long _axeTicks;

    /// <summary>The time axe took, summed over the visitors (who run at once, so this can exceed <see cref="Took"/>).</summary>
    public TimeSpan AxeTook => TimeSpan.FromTicks(Interlocked.Read(ref _axeTicks));

    /// <summary>The addresses of every HTML page of the built site (index.html as its folder).</summary>
    public static List<string> PagesOf(FixtureSite site) => [.. site.OutputPages()
        .Select(f => "/" + f.Replace('\\', '/'))
        .Select(p => p.EndsWith("/index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p)
        .Order(StringComparer.Ordinal)];

    /// <summary>How many visitors (state and width) go through the site at once, each in its own context.</summary>
    private const int VisitorsAtOnce = 4;

    public static async Task<SiteSurvey> RunAsync(BrowserFixture browser, ServedSite site)
    {
        var started = DateTime.UtcNow;
        var survey = new SiteSurvey { Paths = PagesOf(site.Site) };
        // Most of a visit is waiting for the browser, so several visitors share the two cores well; a shift is a
        // shift at any speed, because the observer reports layout changes, not timings.
        var visitors = States.SelectMany(state => Viewports.Select(viewport => (state, viewport)));
        await Parallel.ForEachAsync(visitors, new ParallelOptions { MaxDegreeOfParallelism = VisitorsAtOnce },
            async (v, _) => await survey.VisitAllAsync(browser, site, v.state, v.viewport.Width, v.viewport.Height));
        survey.Took = DateTime.UtcNow - started;
        return survey;
    }

    private async Task VisitAllAsync(BrowserFixture browser, ServedSite site, string state, int width, int height)
    {
        await using var visitor = await Visitor.StartAsync(browser, site, new() { ViewportSize = new() { Width = width, Height = height } });
        await visitor.Page.Context.AddInitScriptAsync(LayoutShifts.Observer);
        if (state == "rejected")
        {
            await visitor.GotoAsync("/");
            await visitor.Action(visitor.Banner, "reject-all").ClickAsync();
            await visitor.WaitForConsentRecordAsync();
        }
        foreach (var path in Paths)
        {
            var before = visitor.ThirdParty.Requests.Count;
            await visitor.GotoAsync(path);
            if (state == "fresh")
                await visitor.Banner.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
            var shifts = await LayoutShifts.AfterTwoFramesAsync(visitor.Page);
            Shifts.Add(new Shift(path, state, width, shifts.Sum(s => s.Value), string.Join("; ", shifts.Select(s => s.Sources))));

            if (width == MainWidth)
            {
                Dom[$"{path} [{state}]"] = await visitor.Page.ContentAsync();
                var axeStarted = DateTime.UtcNow;
                var result = await AxeInPage.RunAsync(visitor.Page, AxeTags);
                AxePasses[$"{path} [{state}]"] = result.Passes;
                foreach (var v in result.Violations)
                    Axe.Add(new AxeFinding(path, state, v.Rule, v.Impact, v.Help, string.Join(" | ", v.Nodes)));
                Interlocked.Add(ref _axeTicks, (DateTime.UtcNow - axeStarted).Ticks);
            }
            foreach (var violation in await visitor.Csp.OnAsync(visitor.Page))
                CspViolations.Add($"{path} [{state}] {width} px: {violation}");
            foreach (var request in visitor.ThirdParty.Requests.Skip(before))
                ThirdPartyRequests.Add($"{path} [{state}] {request}");
        }
    }
}

/// <summary>The real site, built, served and surveyed once for all the tests of a class.</summary>
public sealed class SurveyedSite : ServedSite
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SiteSurvey? _survey;

    public async Task<SiteSurvey> SurveyAsync(BrowserFixture browser)
    {
        await _gate.WaitAsync();
        try
        {
            return _survey ??= await SiteSurvey.RunAsync(browser, this);
        }
        finally
        {
            _gate.Release();
        }
    }
}
