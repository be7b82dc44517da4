using Express.Site.Model;
using Express.Site.Pipeline;
using Markdig;

namespace Express.Site.Steps.Render.Markdown;

/// <summary>Turns each page body from Markdown into HTML, checking and completing its images (<see cref="PageImages"/>).</summary>
public sealed class RenderMarkdown : IBuildStep
{
    private readonly StepMemo<Page, Page> _memo = new();

    public string Name => "markdown";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.FrontMatter, SitePart.Settings, SitePart.Assets };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var quotes = site.RequireSettings().Quotes;
        var pipeline = MarkdownPipelineFactory.Create(quotes);
        var images = new PageImages(site.Assets.Images, context.Options.InputDir);
        // What every page's rendering depends on besides the page: the quotation marks and the page images.
        var shared = string.Join('|', quotes) + "\n" + string.Join('\n', site.Assets.Images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));
        return site with { Pages = context.Map(site.Pages, _memo, shared, page => page with { ContentHtml = Render(page, images, pipeline), Body = default }) };
    }

    private static string Render(Page page, PageImages images, MarkdownPipeline pipeline)
    {
        var document = Markdig.Markdown.Parse(page.Body.ToString(), pipeline); // a copy only while this page is rendered
        images.Apply(document, page);
        // Rendered by one of the pipeline's kept renderers (set up by it once, not for every page).
        return document.ToHtml(pipeline);
    }
}
