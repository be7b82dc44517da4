using Express.Site.Core;
using Express.Site.Pipeline;
using Markdig;

namespace Express.Site.Steps.Markdown;

/// <summary>Turns each page body from Markdown into HTML.</summary>
public sealed class RenderMarkdown : IBuildStep
{
    private readonly MarkdownPipeline _pipeline = MarkdownPipelineFactory.Create();
    private readonly StepMemo<Page, Page> _memo = new();

    public string Name => "markdown";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.FrontMatter };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context) =>
        site with { Pages = context.Map(site.Pages, _memo, shared: null, page => page with { ContentHtml = Markdig.Markdown.ToHtml(page.Body, _pipeline) }) };
}
