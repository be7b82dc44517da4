using Express.Site.Pipeline;
using Markdig;

namespace Express.Site.Steps.Markdown;

/// <summary>Turns each page body from Markdown into HTML.</summary>
public sealed class RenderMarkdown : IBuildStep
{
    public string Name => "markdown";

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var pipeline = MarkdownPipelineFactory.Create(site.RequireSettings().Quotes);
        return site with { Pages = context.Map(site.Pages, page => page with { ContentHtml = Markdig.Markdown.ToHtml(page.Body, pipeline) }) };
    }
}
