using Express.Site.Tests.Support.Browser;
using Express.Site.Tests.Unit;
using Xunit.Abstractions;

namespace Express.Site.Tests.Browser;

/// <summary>
/// The gating's spec (tests/Golden/gating/spec.md), checked once in Chromium: everything the build publishes, on one
/// page, asks no other host and stores nothing, with the site's Content-Security-Policy and without it; and the
/// inputs the gating rewrites, published as they were, are visited one by one to show that Chromium does load from
/// another host for most of them. (Not for all: a preconnect, a 2x srcset candidate on a 1x screen, a noscript
/// pixel with scripting on, or a plugin in headless Chromium load nothing here, but do for some visitors.)
/// </summary>
[Collection(WaitingBrowserCollection.Name)]
public sealed class GatingSpecBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task What_the_examples_publish_loads_nothing_from_another_host_and_most_rewritten_inputs_would()
    {
        var examples = ((IEnumerable<object[]>)GatingSpecTests.Examples()).Select(row => (GatingSpecTests.Example)row[0])
            .Where(e => !e.Expected.StartsWith("error:", StringComparison.Ordinal)).ToList();
        var published = examples.Select(e => (Example: e, Output: GatingSpecTests.Apply(e.Input).Output)).ToList();

        var page = GatingSpecTests.Document(string.Join("\n", published.Select(p => p.Output)));
        foreach (var csp in new[] { null, GatingMutationTests.Csp(page) })
        {
            var visit = await PageVisit.VisitAsync(browser.Browser, page, csp);
            Assert.True(visit.Requests.Count == 0 && !visit.StoredOrNavigated,
                $"published {(csp is null ? "without" : "with")} the CSP, the examples reach {string.Join(", ", visit.Requests)}{(visit.StoredOrNavigated ? " and store or navigate" : "")}");
        }

        var rewritten = published.Where(p => p.Output.Trim() != GatingSpecTests.Serialized(p.Example.Input).Trim()).ToList();
        var visits = await PageVisit.VisitAllAsync(browser.Browser, [.. rewritten.Select(p => (GatingSpecTests.Document(p.Example.Input), (string?)null))]);
        var leaking = rewritten.Zip(visits).Where(v => v.Second.Requests.Count > 0).Select(v => v.First.Example.Name).ToList();
        output.WriteLine($"{leaking.Count} of {rewritten.Count} rewritten inputs reach another host in Chromium as they were: {string.Join("; ", leaking)}");
        Assert.True(leaking.Count * 2 > rewritten.Count, $"only {leaking.Count} of {rewritten.Count} rewritten inputs load anything in Chromium");
    }
}
