using Express.Site.Pipeline;

namespace Express.Site.Steps.Templates;

/// <summary>Runs the Scriban in page bodies (includes, privacy tables) before Markdown sees them.</summary>
public sealed class RenderBodyTemplates : IBuildStep
{
    public string Name => "body templates";

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var renderer = new TemplateRenderer(site.RequireTemplates(), site.RequireModel(), context.Options.TemplateLimits, context.Cancellation);
        return site with { Pages = context.Map(site.Pages, page => page with { Body = renderer.RenderBody(page) }) };
    }
}
