using System.Text.Json;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// A page's layout shifts without recent input (what makes up the CLS of a short visit), naming what moved: the
/// observer is installed before any page script runs, and the shifts are read two frames after what is measured
/// showed.
/// </summary>
public static class LayoutShifts
{
    public sealed record Shift(double Value, string Sources);

    /// <summary>The observer, for <c>AddInitScriptAsync</c>.</summary>
    public const string Observer = """
        window.__shifts = [];
        window.__addShifts = entries => {
          for (const e of entries) {
            if (e.hadRecentInput) continue;
            window.__shifts.push({ value: e.value, sources: (e.sources || []).map(s => {
              const n = s.node, name = !n ? '?' : n.nodeType === 1 ? n.localName + (n.className ? '.' + String(n.className).split(' ')[0] : '') : '#text';
              return name + ' ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y);
            }).join(', ') });
          }
        };
        window.__shiftObserver = new PerformanceObserver(list => window.__addShifts(list.getEntries()));
        window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
        """;

    /// <summary>By two frames after it showed, any shift it caused has been measured; takeRecords hands over what the
    /// observer has not delivered yet.</summary>
    private const string AfterTwoFrames = """
        () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>
          r((window.__addShifts(window.__shiftObserver.takeRecords()), window.__shifts)))))
        """;

    /// <summary>The shifts so far on <paramref name="page"/>, two frames from now.</summary>
    public static async Task<IReadOnlyList<Shift>> AfterTwoFramesAsync(IPage page) =>
        [.. (await page.EvaluateAsync<JsonElement>(AfterTwoFrames)).EnumerateArray()
            .Select(s => new Shift(s.GetProperty("value").GetDouble(), s.GetProperty("sources").GetString() ?? ""))];
}
