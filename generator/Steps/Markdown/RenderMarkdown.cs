using Express.Site.Core;
using Express.Site.Pipeline;
using Markdig;
using Markdig.Renderers;

namespace Express.Site.Steps.Markdown;

/// <summary>Turns each page body from Markdown into HTML, checking and completing its images (<see cref="PageImages"/>).</summary>
public sealed class RenderMarkdown : IBuildStep
{
    public string Name => "markdown";

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var pipeline = MarkdownPipelineFactory.Create(site.RequireSettings().Quotes);
        var images = new PageImages(site.Assets.Images, context.Options.InputDir);
        return site with { Pages = context.Map(site.Pages, page => page with { ContentHtml = Render(page, images, pipeline) }) };
    }

    private static string Render(Page page, PageImages images, MarkdownPipeline pipeline)
    {
        var document = Markdig.Markdown.Parse(page.Body, pipeline);
        images.Apply(document, page);
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }
}
