using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Templates;

namespace Express.Site.Steps.Html;

/// <summary>
/// Scans each page's HTML once; a page that an HTML transform wants is parsed into a DOM, transformed, and serialized
/// again only when it changed. Collects every page's links and ids for link validation.
/// </summary>
public sealed class PostProcessHtml(IReadOnlyList<Func<SiteState, IHtmlTransform>> transformFactories) : IBuildStep
{
    // A parser carries a browsing context that is costly to create: one per thread, reused for every page.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true }));

    private readonly StepMemo<Page, RenderedPage> _memo = new();
    private int _transformed;

    public string Name => "html";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Html };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Scan };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        _transformed = 0;
        var transforms = transformFactories.Select(create => create(site)).ToList();
        var wants = transforms.Count == 0 ? null : (Func<HtmlTagToken, string?, bool>)((tag, text) => transforms.Any(t => t.Wants(tag, text)));
        var (library, model) = (site.Templates, site.Model);
        // A transform works on one page with the site's data, settings and templates (its own renders are recorded),
        // so a page whose HTML and those are unchanged keeps its result.
        var processed = context.Map(site.Pages, _memo, RenderInputs.Of(site, context), page => TemplateDependencies.RecordPage(model, () =>
            {
                var (scan, wanted) = HtmlScanner.Scan(page.Html, wants);
                if (!wanted) return page with { Scan = scan };

                Interlocked.Increment(ref _transformed);
                using var document = Parser.Value!.ParseDocument(page.Html);
                var changed = false;
                foreach (var transform in transforms) changed |= transform.Apply(document, page);
                if (!changed) return page with { Scan = scan };
                var html = "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml;
                return page with { Html = html, Scan = HtmlScanner.Scan(html).Scan };
            }),
            isValid: kept => kept.Used.StillHold(library, model));
        return site with { Pages = [.. processed.Select(p => p.Page)] };
    }

    public string Summarize(SiteState site) =>
        $"{site.Pages.Length} pages, {_transformed} transformed, {site.Pages.Sum(p => p.Scan.Links.Count)} links";
}
