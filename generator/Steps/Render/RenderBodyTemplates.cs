using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>Runs the Scriban in page bodies (includes, privacy tables) before Markdown sees them.</summary>
public sealed class RenderBodyTemplates : IBuildStep
{
    private readonly StepMemo<Page, RenderedPage> _memo = new();

    public string Name => "body templates";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Templates, SitePart.Model };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var (library, model) = (site.RequireTemplates(), site.RequireModel());
        var renderer = new TemplateRenderer(library, model, context.Options.TemplateLimits, context.Cancellation);
        return site with { Pages = RenderedPages.Map(site, context, _memo, page => page with { Body = renderer.RenderBody(page) }) };
    }
}
