using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>A layout declares the page keys it reads; pages may use them, and a near miss of one is caught.</summary>
public sealed class FrontMatterDeclarationTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public FrontMatterDeclarationTests() =>
        _site.Replace("theme/layouts/page.html", "layout: base\n", "layout: base\nfront_matter_keys: [subtitle]\n");

    public void Dispose() => _site.Dispose();

    [Fact]
    public void A_key_a_layout_declares_is_accepted_without_a_warning()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\ndescription: Kontakt oss.\nsubtitle: Vi svarer raskt\n---\nHei.\n");
        var (code, console) = _site.Run();
        Assert.True(code == 0, console);
        Assert.DoesNotContain("subtitle", console);
    }

    [Fact]
    public void A_near_miss_of_a_key_a_layout_declares_is_an_error()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\nsubtitel: Vi svarer raskt\n---\nHei.\n");
        var (code, console) = _site.Run();
        Assert.True(code == 1, console);
        Assert.Contains("input/kontakt.md:3:1: error: unknown front matter key 'subtitel': did you mean 'subtitle'?", console);
    }

    [Fact]
    public void An_undeclared_key_is_a_warning_at_its_line()
    {
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\ndescription: Kontakt oss.\nfavorittfarge: blå\n---\nHei.\n");
        var (code, console) = _site.Run();
        Assert.True(code == 0, console);
        Assert.Contains("input/kontakt.md:4:1: warning: the front matter key 'favorittfarge' is not one the build or the theme declares", console);
    }
}
