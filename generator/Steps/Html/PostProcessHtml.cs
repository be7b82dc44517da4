using AngleSharp.Html.Parser;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Html;

/// <summary>
/// Parses each page's HTML once, runs the HTML transforms over it, serializes it again only when one of them changed
/// it, and collects its links and ids.
/// </summary>
public sealed class PostProcessHtml(IReadOnlyList<IHtmlTransform> transforms) : IBuildStep
{
    // A parser carries a browsing context that is costly to create: one per thread, reused for every page.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true }));

    public string Name => "html";

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context) => site with
    {
        Pages = context.Map(site.Pages, page =>
        {
            using var document = Parser.Value!.ParseDocument(page.Html);
            var changed = false;
            foreach (var transform in transforms) changed |= transform.Apply(document, page);
            return page with
            {
                Html = changed ? "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml : page.Html,
                Links = LinkCollector.Collect(document),
            };
        }),
    };

    public string Summarize(SiteState site) => $"{site.Pages.Length} pages, {site.Pages.Sum(p => p.Links.Links.Count)} links";
}
