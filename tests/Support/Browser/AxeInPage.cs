using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// Runs axe-core (the copy Deque's package bundles) in the page itself: one <c>axe.run</c> over the document, as
/// axe's browser extension does. Deque's <c>RunAxe</c> runs axe in each frame and then finishes in a fresh page of
/// its own, which costs a page and a second compile of axe's 650 KB for every run: over the site survey's 26 runs
/// that was 20 of its 67 CPU-seconds, for the same rules and results. The pages checked have no frames (before
/// consent an embed is a placeholder); a page with one fails here rather than go unchecked.
/// </summary>
public static class AxeInPage
{
    public sealed record Violation(string Rule, string Impact, string Help, IReadOnlyList<string> Nodes);

    public sealed record Result(IReadOnlyList<Violation> Violations, int Passes);

    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    private const string Run = """
        async tags => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return {
            violations: r.violations.map(v => ({ rule: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(n => n.html) })),
            passes: r.passes.length,
          };
        }
        """;

    /// <summary>The rules with any of <paramref name="tags"/> over the page as it is now.</summary>
    public static async Task<Result> RunAsync(IPage page, IReadOnlyList<string> tags)
    {
        Assert.True(page.Frames.Count == 1,
            $"{page.Url} has frames, which this check does not look into: {string.Join(", ", page.Frames.Skip(1).Select(f => f.Url))}");
        await page.EvaluateAsync(Source.Value);
        var result = await page.EvaluateAsync<JsonElement>(Run, tags);
        return new Result(
            [.. result.GetProperty("violations").EnumerateArray().Select(v => new Violation(
                v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
                [.. v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!)]))],
            result.GetProperty("passes").GetInt32());
    }
}
