using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// Records every Content-Security-Policy violation in a browser context: the securitypolicyviolation events of each
/// page (registered before any page script runs) and the browser's console reports.
/// </summary>
public sealed class CspViolations
{
    private const string Listener = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', function (e) {
          window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + (e.sourceFile || '') + ':' + e.lineNumber + ')');
        });
        """;

    private readonly List<string> _console = [];

    public async Task InstallAsync(IBrowserContext context)
    {
        await context.AddInitScriptAsync(Listener);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_console) _console.Add(message.Text);
        };
    }

    /// <summary>The violations seen so far on <paramref name="page"/> and in the console.</summary>
    public async Task<IReadOnlyList<string>> OnAsync(IPage page)
    {
        var events = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        lock (_console) return [.. events, .. _console];
    }
}
