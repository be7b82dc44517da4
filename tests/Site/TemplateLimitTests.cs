using System.Diagnostics;
using System.Text;
using Express.Site.Core;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>No page is ever cut short, and no template runs for ever: limits are errors at the template's line.</summary>
public sealed class TemplateLimitTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void A_page_of_several_megabytes_is_published_whole()
    {
        var body = new StringBuilder("---\ntitle: Stor\ndescription: A big page.\n---\n");
        for (var i = 0; i < 30_000; i++) body.Append($"Avsnitt {i} med litt tekst som fyller siden opp til flere megabyte.\n\n");
        body.Append("Siste avsnitt.\n");
        _site.Write("input/stor.md", body.ToString());
        _site.RunSuccessfully();
        var html = _site.ReadOutput("stor/index.html");
        Assert.True(html.Length > 2_000_000, $"{html.Length} characters");
        Assert.Contains("<p>Siste avsnitt.</p>", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public void A_page_larger_than_the_limit_fails_instead_of_being_cut()
    {
        _site.Write("input/stor.md", "---\ntitle: Stor\n---\n" + string.Concat(Enumerable.Repeat("Tekst.\n\n", 5_000)));
        var options = _site.Options with { TemplateLimits = TemplateLimits.Default with { OutputCharacters = 20_000 } };
        var e = Assert.Throws<BuildFailedException>(() => SiteBuilder.Build(options));
        var error = Assert.Single(e.Errors);
        Assert.Equal("input/stor.md", error.Location.ToString());
        Assert.Contains("the page grew to 20000 characters, the most a page may have", error.Message);
    }

    [Fact]
    public void A_loop_that_never_ends_fails_fast_at_its_line()
    {
        var good = _site.Run();
        Assert.True(good.ExitCode == 0, good.Console);
        var before = _site.OutputSnapshot();
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\nHei.\n\n{{ while true }}{{ end }}\n");
        var clock = Stopwatch.StartNew();
        var (code, console) = _site.Run();
        Assert.True(code == 1, console);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Contains("input/kontakt.md:6:4: error: template error: Exceeding number of iteration limit", console);
        Assert.Contains("a loop that never ends?", console);
        Assert.DoesNotContain("   at ", console);
        Assert.Equal(before, _site.OutputSnapshot());
    }

    /// <summary>The fixture's page layout with a loop on line 4 that takes many seconds: 100,000 replaces in 4 MB.</summary>
    private const string SlowPageLayout = """
        ---
        layout: base
        ---
        <h1>{{ page.title }}</h1>{{ s = 'x' | string.pad_left 4000000 }}{{ for i in 1..100000 }}{{ t = s | string.replace 'x' 'y' }}{{ end }}
        {{ content }}

        """;

    [Fact]
    public void A_template_that_takes_too_long_is_stopped_at_its_line()
    {
        _site.Write("theme/layouts/page.html", SlowPageLayout);
        var options = _site.Options with { TemplateLimits = TemplateLimits.Default with { TimePerRender = TimeSpan.FromMilliseconds(300) } };
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<BuildFailedException>(() => SiteBuilder.Build(options));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.All(e.Errors, error =>
        {
            Assert.StartsWith("theme/layouts/page.html:4:", error.Location.ToString());
            Assert.Contains("rendering this page took longer than 0.3 s and was stopped here", error.Message);
        });
    }

    [Fact]
    public void A_render_can_be_cancelled_from_outside()
    {
        _site.Write("theme/layouts/page.html", SlowPageLayout);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<Exception>(() => SiteBuilder.Build(_site.Options with { Cancellation = cancel.Token }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.True(e is OperationCanceledException || e is AggregateException a && a.InnerExceptions.All(i => i is OperationCanceledException), e.ToString());
    }
}
