using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Express.Site.Tests.Support;
using Express.Site.Tests.Support.Browser;
using Microsoft.Playwright;

namespace Express.Site.Tests.Browser;

/// <summary>
/// DuckDuckGo's autoconsent (npm <c>@duckduckgo/autoconsent</c>, the library its browsers use to refuse cookie banners
/// for the visitor) with this site's rule, <c>autoconsent/express-consent.json</c>, driven the way the package's own
/// Playwright tests drive it: its content-script bundle is evaluated in the page and talks to the test through the
/// <c>autoconsentSendMessage</c> binding; the test answers <c>init</c> with the configuration and the rules.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AutoconsentTests(BrowserFixture browser, ServedSite site) : IClassFixture<ServedSite>
{
    private static readonly string Package = Path.Combine(Paths.Repository, "node_modules", "@duckduckgo", "autoconsent");
    public static readonly string RuleFile = Path.Combine(Paths.Repository, "autoconsent", "express-consent.json");

    private static string ContentScript()
    {
        var bundle = Path.Combine(Package, "dist", "autoconsent.playwright.js");
        Assert.True(File.Exists(bundle), $"@duckduckgo/autoconsent is missing ({bundle}): run `npm ci` in the repository");
        return File.ReadAllText(bundle);
    }

    private static JsonNode OurRules() => new JsonObject { ["autoconsent"] = new JsonArray(JsonNode.Parse(File.ReadAllText(RuleFile))) };

    /// <summary>One autoconsent run on a page: the messages it sent, in order.</summary>
    private sealed class Run
    {
        private readonly Channel<(IFrame Frame, JsonElement Message)> _inbox = Channel.CreateUnbounded<(IFrame, JsonElement)>();
        public List<JsonElement> Received { get; } = [];

        public static async Task<Run> StartAsync(IPage page)
        {
            var run = new Run();
            await page.ExposeBindingAsync("autoconsentSendMessage", (BindingSource source, JsonElement message) =>
                run._inbox.Writer.TryWrite((source.Frame, message.Clone())));
            return run;
        }

        /// <summary>Answers the content script until a message matches <paramref name="until"/> or the time is up.</summary>
        public async Task<JsonElement?> PumpAsync(JsonNode rules, JsonNode config, Func<JsonElement, bool> until, int milliseconds = 15_000)
        {
            using var timeout = new CancellationTokenSource(milliseconds);
            try
            {
                while (true)
                {
                    var (frame, message) = await _inbox.Reader.ReadAsync(timeout.Token);
                    Received.Add(message);
                    switch (message.GetProperty("type").GetString())
                    {
                        case "init":
                            var answer = new JsonObject { ["type"] = "initResp", ["config"] = config.DeepClone(), ["rules"] = rules.DeepClone() };
                            await frame.EvaluateAsync($"autoconsentReceiveMessage({answer.ToJsonString()})");
                            break;
                        case "eval":
                            var result = await frame.EvaluateAsync<JsonElement?>(message.GetProperty("code").GetString()!);
                            var response = new JsonObject
                            {
                                ["id"] = message.GetProperty("id").GetString(), ["type"] = "evalResp",
                                ["result"] = result is null ? null : JsonNode.Parse(result.Value.GetRawText()),
                            };
                            await frame.EvaluateAsync($"autoconsentReceiveMessage({response.ToJsonString()})");
                            break;
                    }
                    if (until(message)) return message;
                }
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        public string Log => string.Join("\n", Received.Where(m => m.GetProperty("type").GetString() != "report").Select(m => m.GetRawText()));

        public bool Saw(string type, Func<JsonElement, bool>? also = null) =>
            Received.Any(m => m.GetProperty("type").GetString() == type && (also is null || also(m)));
    }

    private static JsonNode Config(int detectRetries = 20, bool heuristics = false) => new JsonObject
    {
        ["enabled"] = true, ["autoAction"] = "optOut", ["disabledCmps"] = new JsonArray(), ["enablePrehide"] = false,
        ["enableCosmeticRules"] = true, ["enableHeuristicDetection"] = heuristics,
        ["detectRetries"] = detectRetries,
    };

    private async Task<(Run Run, IPage Page)> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        var run = await Run.StartAsync(page);
        await page.GotoAsync(site.Url(path), new() { WaitUntil = WaitUntilState.Commit });
        await page.EvaluateAsync(ContentScript());
        return (run, page);
    }

    private static async Task<Dictionary<string, bool>> ChoiceAsync(IBrowserContext context)
    {
        var cookie = (await context.CookiesAsync()).FirstOrDefault(c => c.Name == Visitor.ConsentCookie);
        Assert.NotNull(cookie);
        var record = JsonDocument.Parse(Uri.UnescapeDataString(cookie.Value)).RootElement;
        return record.GetProperty("c").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
    }

    [Fact]
    public void The_rule_is_in_autoconsents_json_rule_format()
    {
        var rule = JsonNode.Parse(File.ReadAllText(RuleFile))!.AsObject();
        Assert.Equal("express-consent", (string?)rule["name"]);
        foreach (var key in (string[])["detectCmp", "detectPopup", "optIn", "optOut", "test"])
            Assert.True(rule[key] is JsonArray { Count: > 0 }, $"{key} is missing or empty");
        var allowed = new HashSet<string> { "name", "vendorUrl", "runContext", "prehideSelectors", "detectCmp", "detectPopup", "optIn", "optOut", "test", "cosmetic", "intermediate", "minimumRuleStepVersion", "_metadata" };
        Assert.All(rule.Select(p => p.Key), key => Assert.Contains(key, allowed));
        // No eval snippets: they can be blocked by the page's CSP, and upstream asks for them only as a last resort.
        Assert.DoesNotContain("\"eval\"", File.ReadAllText(RuleFile));
    }

    [Fact]
    public async Task Without_the_rule_autoconsent_does_not_recognise_the_banner()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var (run, _) = await OpenAsync(context, "/");
        // The rules DuckDuckGo's browsers ship (the package's compact bundle) and its text heuristics. After two
        // attempts autoconsent waits for the page to change before it tries again; this page does not change.
        var bundled = new JsonObject { ["compact"] = JsonNode.Parse(File.ReadAllText(Path.Combine(Package, "rules", "compact-rules.json"))) };
        var config = Config(heuristics: true);
        var second = await run.PumpAsync(bundled, config, m => m.GetProperty("type").GetString() == "report" &&
            m.GetProperty("state").GetProperty("findCmpAttempts").GetInt32() >= 2);
        Assert.True(second is not null, run.Log);
        await run.PumpAsync(bundled, config, m => m.GetProperty("type").GetString() == "cmpDetected", 2_000);
        Assert.False(run.Saw("cmpDetected"), run.Log);
        var state = run.Received.Last(m => m.GetProperty("type").GetString() == "report").GetProperty("state");
        Assert.Empty(state.GetProperty("heuristicPatterns").EnumerateArray());
        Assert.Null((await context.CookiesAsync()).FirstOrDefault(c => c.Name == Visitor.ConsentCookie));
    }

    [Fact]
    public async Task With_the_rule_autoconsent_detects_the_banner_and_refuses_everything_on_every_page()
    {
        var pages = SiteSurvey.PagesOf(site.Site);
        Assert.True(pages.Count >= 12);
        await using var context = await browser.Browser.NewContextAsync();
        foreach (var path in pages)
        {
            await context.ClearCookiesAsync();
            var (run, page) = await OpenAsync(context, path);
            var done = await run.PumpAsync(OurRules(), Config(), m => m.GetProperty("type").GetString() == "autoconsentDone");
            Assert.True(done is not null, $"{path}: autoconsent did not finish:\n{run.Log}");
            Assert.True(run.Saw("cmpDetected", m => m.GetProperty("cmp").GetString() == "express-consent"), $"{path}: {run.Log}");
            Assert.True(run.Saw("popupFound", m => m.GetProperty("cmp").GetString() == "express-consent"), $"{path}: {run.Log}");
            Assert.True(run.Saw("optOutResult", m => m.GetProperty("result").GetBoolean()), $"{path}: {run.Log}");

            // The rule's own test steps, as autoconsent's self-test runs them.
            await page.EvaluateAsync("autoconsentReceiveMessage({ type: 'selfTest' })");
            var selfTest = await run.PumpAsync(OurRules(), Config(), m => m.GetProperty("type").GetString() == "selfTestResult", 5_000);
            Assert.True(selfTest?.GetProperty("result").GetBoolean() == true, $"{path}: self-test failed:\n{run.Log}");

            var choice = await ChoiceAsync(context);
            Assert.NotEmpty(choice);
            Assert.True(choice.Values.All(v => !v), $"{path}: stored {string.Join(", ", choice)}");
            Assert.False(await page.Locator("[data-consent-banner]").IsVisibleAsync());
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task After_rejection_autoconsent_finds_no_open_banner_and_the_refusal_stands()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var (first, firstPage) = await OpenAsync(context, "/");
        Assert.NotNull(await first.PumpAsync(OurRules(), Config(), m => m.GetProperty("type").GetString() == "autoconsentDone"));
        await firstPage.CloseAsync();

        var (run, _) = await OpenAsync(context, "/kontakt/");
        var detected = await run.PumpAsync(OurRules(), Config(), m => m.GetProperty("type").GetString() == "cmpDetected");
        Assert.True(detected?.GetProperty("cmp").GetString() == "express-consent", run.Log);
        // autoconsent looks for an open popup a few times, then stops without a message.
        Assert.Null(await run.PumpAsync(OurRules(), Config(), m => m.GetProperty("type").GetString() is "popupFound" or "optOutResult", 4_000));
        Assert.True((await ChoiceAsync(context)).Values.All(v => !v));
    }
}
