using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Yaml;

namespace Express.Site.Steps.Read;

/// <summary>Splits each page into its YAML front matter (between two '---' lines at the top) and its body.</summary>
public sealed class SplitFrontMatter : IBuildStep
{
    private readonly StepMemo<Page, Page> _memo = new();

    public string Name => "front matter";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Sources };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.FrontMatter };

    public SiteState Run(SiteState site, BuildContext context) =>
        site with { Pages = context.Map(site.Pages, _memo, shared: null, Split) };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public static Page Split(Page page)
    {
        var text = page.Source.Text;
        if (!text.StartsWith("---\n", StringComparison.Ordinal) && text != "---")
            return page with { Body = text.AsMemory(), BodyLine = 1 };

        var end = FindClosingFence(text);
        if (end < 0)
            throw new SiteException(page.Source.At(1, 1), "the front matter that starts here is never closed",
                "add a line with only '---' after the last front matter line");

        var yaml = text[4..end];
        var bodyStart = text.IndexOf('\n', end + 1);
        var body = bodyStart < 0 ? default : text.AsMemory(bodyStart + 1);
        var bodyLine = yaml.AsSpan().Count('\n') + 3;
        return page with
        {
            FrontMatter = YamlReader.ReadMap(yaml, page.Source.Path, firstLine: 2),
            Body = body,
            BodyLine = bodyLine,
        };
    }

    /// <summary>Index of the closing "---" line, or -1.</summary>
    private static int FindClosingFence(string text)
    {
        var at = 3;
        while ((at = text.IndexOf("\n---", at, StringComparison.Ordinal)) >= 0)
        {
            var after = at + 4;
            if (after == text.Length || text[after] == '\n' || (text[after] == ' ' && text.AsSpan(after).TrimStart(' ').StartsWith("\n")))
                return at + 1;
            at = after;
        }
        return -1;
    }
}
