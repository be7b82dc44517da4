using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>One Chromium for the browser tests of a collection (starting one takes a second or two).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started");

    public async Task InitializeAsync()
    {
        // The thread pool's minimum is raised for the whole run (ThreadPoolSize), so browser round trips do not wait.
        _playwright = await Playwright.CreateAsync();
        _browser = await ChromiumLauncher.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests that keep Chromium busy: they share one Chromium and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The browser tests that mostly wait: for a page's network to go quiet (the audit, the gating's visits), for a
/// tag's beacon after a choice (the consent manager), for the preview's rebuilds. They have a Chromium of their own
/// in a collection of their own, which xUnit runs beside the other browser tests, so their waiting overlaps the
/// others' work.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WaitingBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser, mostly waiting";
}
