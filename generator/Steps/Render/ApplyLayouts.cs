using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>
/// Wraps each page's HTML in its layout, then in that layout's parent, up to the outermost one.
/// Without a 'layout' key a page uses its collection's layout, else "page".
/// </summary>
/// <param name="keepPartials">keep the renders of partials that read only shared values and page members (<see cref="PartialCache"/>).</param>
public sealed class ApplyLayouts(bool keepPartials = true) : IBuildStep
{
    public const string DefaultLayout = "page";

    private readonly StepMemo<Page, RenderedPage> _memo = new();

    public string Name => "layouts";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Templates, SitePart.Model, SitePart.Meta };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Html };

    /// <summary>How many pages the last run rendered (the preview reuses pages whose inputs did not change).</summary>
    public int Rendered => _memo.Misses;

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var (library, model) = (site.RequireTemplates(), site.RequireModel());
        var partials = keepPartials ? new PartialCache(library, model.Globals) : null;
        var renderer = new TemplateRenderer(library, model, context.Options.TemplateLimits, context.Cancellation, partials);
        var pages = RenderedPages.Map(site, context, _memo, page => page with { HtmlUtf8 = Apply(page, library, renderer), ContentHtml = "" });
        KeptIncludes = partials?.Hits ?? 0;
        return site with { Pages = pages };
    }

    /// <summary>How many includes of the last run took a kept render of the partial.</summary>
    public int KeptIncludes { get; private set; }

    public string Summarize(SiteState site) => $"{site.Pages.Length} pages";

    private static byte[] Apply(Page page, TemplateLibrary library, TemplateRenderer renderer)
    {
        var name = page.RequireMeta().Layout ?? DefaultLayout;
        var layout = library.Layout(name) ?? throw new SiteException(
            page.FrontMatter.ContainsKey("layout") ? page.FrontMatter.LocationOf("layout") : page.Source.At(1),
            $"unknown layout '{name}'",
            $"use one of: {string.Join(", ", library.LayoutNames)} (files in the theme's layouts/ folder), or add layouts/{name}.html");
        var html = page.ContentHtml;
        for (; layout.Parent is not null; layout = library.Layout(layout.Parent)!) // LoadTemplates checked the chain
            html = renderer.Render(layout.Template, page, html);
        return renderer.RenderUtf8(layout.Template, page, html); // the outermost layout: the page as it is written
    }
}
