using System.Collections.Immutable;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>
/// Runs a step's work on every page while recording what templates and page lists it used. The preview's next run keeps
/// a page's result while the page, the <see cref="RenderInputs"/> and what its templates used are the same.
/// </summary>
public static class RenderedPages
{
    public static ImmutableArray<Page> Map(SiteState site, BuildContext context, StepMemo<Page, RenderedPage> memo, Func<Page, Page> work)
    {
        var (library, model) = (site.Templates, site.Model);
        var rendered = context.Map(site.Pages, memo, RenderInputs.Of(site, context),
            page => TemplateDependencies.RecordPage(model, () => work(page)),
            isValid: kept => kept.Used.StillHold(library, model),
            heldWith: [library, model?.ListStamps]); // what StillHold reads besides the kept render
        return Projection.Select(rendered, r => r.Page);
    }
}
