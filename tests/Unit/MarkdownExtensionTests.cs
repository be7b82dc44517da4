using Express.Site.Tests.Support;
using System.Text;
using Express.Site.Steps.Render.Markdown;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace Express.Site.Tests.Unit;

public sealed class MarkdownExtensionTests
{
    private static readonly MarkdownPipeline Site = MarkdownPipelineFactory.Create();

    [Fact]
    public void Heading_ids_are_the_ones_Markdig_would_give()
    {
        var markdown = string.Join("\n\n", "## A", "## A", "## A-1", "## A", "## *Å* [lenke](/x/)", "## ", "## Søk & «finn»", "## A {#a-2}", "## A", "Setext\n---", "Setext\n---");
        var markdigOnly = new MarkdownPipelineBuilder().UseAutoIdentifiers(AutoIdentifierOptions.Default).UseGenericAttributes().Build();
        var ours = new MarkdownPipelineBuilder().Use<HeadingIds>().UseAutoIdentifiers(AutoIdentifierOptions.Default).UseGenericAttributes().Build();
        Assert.Equal(Markdown.ToHtml(markdown, markdigOnly), Markdown.ToHtml(markdown, ours));
    }

    [Fact]
    public void Thousands_of_equal_headings_take_linear_time()
    {
        string Page(int headings)
        {
            var text = new StringBuilder();
            for (var i = 0; i < headings; i++) text.Append("## Spørsmål\n\nSvar.\n\n");
            return text.ToString();
        }
        // The fastest of five runs each, small and large in turn, in the thread's processor time: waiting for a core
        // beside the browser tests (it made 20,000 headings take 430 ms of wall time, against 5 ms for 2,000), or for
        // another thread's collection, is not the algorithm.
        Markdown.ToHtml(Page(1_000), Site); // warm up
        var (smallPage, largePage) = (Page(2_000), Page(20_000));
        var (small, large) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var run = 0; run < 5; run++)
        {
            var time = ThreadCpuClock.Measure(() => Markdown.ToHtml(smallPage, Site));
            if (time < small) small = time;
            time = ThreadCpuClock.Measure(() => Markdown.ToHtml(largePage, Site));
            if (time < large) large = time;
        }
        Assert.Contains("id=\"spoersmal-19999\"", Markdown.ToHtml(Page(20_000), Site));
        // Ten times the headings: linear is ~10x (4-25 ms, then 55-330 ms in the full suite, where this thread also
        // does the collections its allocations set off); Markdig's own suffix search is ~100x (90 ms, then 10 s).
        Assert.True(large < small * 40 + TimeSpan.FromSeconds(1), $"2000: {small}, 20000: {large}");
    }

    [Fact]
    public void Table_alignment_is_written_as_classes_never_as_style()
    {
        var html = Markdown.ToHtml("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n", Site);
        Assert.DoesNotContain("style=", html);
        Assert.Contains("<th class=\"align-left\">a</th>", html);
        Assert.Contains("<td class=\"align-center\">2</td>", html);
        Assert.Contains("<td class=\"align-right\">3</td>", html);
        Assert.Contains("<td>4</td>", html);
    }

    [Fact]
    public void The_theme_styles_every_alignment_class()
    {
        var css = File.ReadAllText(Path.Combine(Support.Paths.Repository, "themes", "express", "assets", "css", "site.css"));
        foreach (var (name, value) in new[] { ("align-left", "left"), ("align-center", "center"), ("align-right", "right") })
            Assert.Matches($@"\.{name}\s*\{{\s*text-align:\s*{value}", css);
    }
}
