using Express.Site.Steps.Render.Markdown;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>Spec-style golden tests: each tests/Golden/markdown/NAME.md renders exactly to NAME.html.</summary>
public sealed class MarkdownGoldenTests
{
    /// <summary>The real site's quotes (input/_data/site.yml), which the golden files were written with.</summary>
    public static readonly string[] NorwegianQuotes = ["«", "»", "‘", "’"];

    public static TheoryData<string> Cases() =>
        [.. Directory.GetFiles(Path.Combine(Paths.Golden, "markdown"), "*.md").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_expected(string name)
    {
        var folder = Path.Combine(Paths.Golden, "markdown");
        var markdown = File.ReadAllText(Path.Combine(folder, name + ".md"));
        var expected = File.ReadAllText(Path.Combine(folder, name + ".html"));
        Assert.Equal(expected, Markdig.Markdown.ToHtml(markdown, MarkdownPipelineFactory.Create(NorwegianQuotes)));
    }
}
