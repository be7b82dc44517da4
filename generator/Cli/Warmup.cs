using Express.Site.Reading;
using Express.Site.Steps.Render.Markdown;
using Scriban;

namespace Express.Site.Cli;

/// <summary>
/// Loads and initializes the Markdown, template and HTML libraries on another core while the build reads its input,
/// so their one-time start-up cost (type loading, static set-up) overlaps with I/O instead of adding to it.
/// </summary>
public static class Warmup
{
    public static Task Start() => Task.Run(() =>
    {
        Markdig.Markdown.ToHtml("## a\n\n*b* \"c\" | d |\n|---|\n", MarkdownPipelineFactory.Create());
        Template.Parse("{{ for x in [1] }}{{ x | html.escape }}{{ end }}").Render(new TemplateContext());
        var document = DocumentReader.Parse("<!DOCTYPE html><a id=\"a\" href=\"/\">a</a><script>1</script><style>a{b:url(c)}</style>");
        DocumentReader.Read(document, new AngleSharp.Dom.Url("https://example.com/"), "example.com");
    });
}
