using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Express.Site.Steps.Render.Markdown;

/// <summary>
/// Gives each heading an id from its text, exactly as Markdig's auto-identifiers do ('## Hvem er vi?' -> 'hvem-er-vi',
/// repeats get '-1', '-2' ...), but in linear time: Markdig tries every suffix from 1 for each repeated heading, which
/// is quadratic on a page with thousands of equal headings. Registered before Markdig's extension, so that one sees
/// the id already set and only keeps its other job (links to headings by their text).
/// </summary>
public sealed class HeadingIds : IMarkdownExtension
{
    private static readonly object UsedKey = new();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        foreach (var parser in new BlockParser?[] { pipeline.BlockParsers.Find<HeadingBlockParser>(), pipeline.BlockParsers.FindExact<ParagraphBlockParser>() })
            if (parser is not null) parser.Closed += OnClosed;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

    private static void OnClosed(BlockProcessor processor, Block block)
    {
        if (block is HeadingBlock heading) heading.ProcessInlinesEnd += AssignId;
    }

    private static void AssignId(InlineProcessor processor, Markdig.Syntax.Inlines.Inline? inline)
    {
        var heading = (HeadingBlock)processor.Block!;
        var attributes = heading.GetAttributes();
        if (heading.Inline is null || attributes.Id is not null) return; // an id written as {#id} wins

        var writer = new StringWriter();
        new HtmlRenderer(writer) { EnableHtmlForInline = false, EnableHtmlEscape = false }.Render(heading.Inline);
        var text = LinkHelper.Urilize(writer.ToString(), allowOnlyAscii: true);
        var baseId = string.IsNullOrEmpty(text) ? "section" : text;

        if (processor.Document.GetData(UsedKey) is not Used used)
            processor.Document.SetData(UsedKey, used = new Used());
        var id = baseId;
        if (!used.Ids.Add(id))
        {
            var next = used.NextSuffix.GetValueOrDefault(baseId, 1);
            while (!used.Ids.Add(id = $"{baseId}-{next}")) next++;
            used.NextSuffix[baseId] = next + 1;
        }
        attributes.Id = id;
    }

    private sealed class Used
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> NextSuffix { get; } = new(StringComparer.Ordinal);
    }
}
