using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace Express.Site.Audit;

/// <summary>
/// A situation a visitor can be in, how to get there on the first page (through the consent manager's markup
/// contract: data-consent-action, data-consent-category), and which categories it grants.
/// </summary>
public sealed record ConsentState(string Name, string Description, IReadOnlySet<string> Granted, bool GlobalPrivacyControl,
    [property: JsonIgnore] Func<IPage, Task> Enter)
{
    private const string Banner = "[data-consent-banner]";
    private const string Center = "[data-consent-center]";

    /// <summary>Present once the consent script has read its configuration and the choices work.</summary>
    public const string ReadySelector = "html[data-consent='ready']";

    /// <summary>The privacy center open with its content (which the script loads when it is first opened).</summary>
    public const string CenterOpenSelector = "[data-consent-center][open] .consent-category";

    /// <summary>Every state the audit visits the site in: fresh, rejected, GPC, each optional category alone, all accepted, withdrawn.</summary>
    public static IReadOnlyList<ConsentState> All(AuditConfig config)
    {
        var optional = config.Optional.Select(c => c.Id).ToHashSet();
        var states = new List<ConsentState>
        {
            new("fresh", "first visit, no choice made", new HashSet<string>(), false, _ => Task.CompletedTask),
            new("rejected", "\"reject all\" on the first layer", new HashSet<string>(), false, page => ClickAsync(page, $"{Banner} [data-consent-action='reject-all']")),
            new("gpc", "Global Privacy Control on, then \"accept all\"",
                config.Optional.Where(c => !c.RefusedByGpc).Select(c => c.Id).ToHashSet(), true, page => ClickAsync(page, $"{Banner} [data-consent-action='accept-all']")),
        };
        foreach (var category in optional.Order(StringComparer.Ordinal))
            states.Add(new($"only-{category}", $"only \"{category}\" switched on in the privacy center", new HashSet<string> { category }, false, async page =>
            {
                await ClickAsync(page, $"{Banner} [data-consent-action='settings']");
                await page.CheckAsync($"{Center} input[data-consent-category='{category}']");
                await ClickAsync(page, $"{Center} [data-consent-action='save']");
            }));
        states.Add(new("accepted", "\"accept all\" on the first layer", optional, false, page => ClickAsync(page, $"{Banner} [data-consent-action='accept-all']")));
        states.Add(new("withdrawn", "\"accept all\", then \"reject all\" in the privacy center", new HashSet<string>(), false, async page =>
        {
            await ClickAsync(page, $"{Banner} [data-consent-action='accept-all']");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await ClickAsync(page, "[data-consent-action='open']");
            var reloaded = new TaskCompletionSource();
            void OnLoad(object? sender, IPage loaded) => reloaded.TrySetResult();
            page.Load += OnLoad;
            await ClickAsync(page, $"{Center} [data-consent-action='reject-all']"); // withdrawing reloads the page
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
            page.Load -= OnLoad;
        }));
        return states;
    }

    private static Task ClickAsync(IPage page, string selector) => page.Locator(selector).First.ClickAsync(new() { Timeout = 10_000 });
}
