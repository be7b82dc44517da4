using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Markdown that editors expect builds on the real site, under its strict Content-Security-Policy.</summary>
public sealed class MarkdownSiteTests : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void An_aligned_table_builds_and_is_styled_by_classes()
    {
        _site.Replace("input/om-oss.md", "\n---\n", "\n---\n| Tjeneste | Pris |\n|:--|--:|\n| Rekruttering | 10 000 kr |\n\n");
        _site.RunSuccessfully();
        var html = _site.ReadOutput("om-oss/index.html");
        Assert.Contains("<td class=\"align-right\">10 000 kr</td>", html);
        Assert.DoesNotContain("style=", html);
    }
}
