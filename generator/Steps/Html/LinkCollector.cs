using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Express.Site.Core;

namespace Express.Site.Steps.Html;

/// <summary>Collects the ids a page defines and every URL it links to or loads, for link validation.</summary>
public static class LinkCollector
{
    private static readonly (string Selector, string Attribute)[] References =
    [
        ("a[href]", "href"), ("area[href]", "href"), ("link[href]", "href"), ("script[src]", "src"),
        ("img[src]", "src"), ("iframe[src]", "src"), ("source[src]", "src"), ("video[src]", "src"),
        ("video[poster]", "poster"), ("audio[src]", "src"), ("embed[src]", "src"), ("object[data]", "data"),
        ("form[action]", "action"),
    ];

    private static readonly string Selector = string.Join(", ", References.Select(r => r.Selector).Distinct());

    public static PageLinks Collect(IHtmlDocument document)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.QuerySelectorAll("[id]")) ids.Add(element.Id!);
        foreach (var anchor in document.QuerySelectorAll("a[name]")) ids.Add(anchor.GetAttribute("name")!);

        var links = new List<PageLink>();
        foreach (var element in document.QuerySelectorAll(Selector))
            foreach (var (selector, attribute) in References)
                if (element.GetAttribute(attribute) is { } target && element.Matches(selector))
                    links.Add(new PageLink(target.Trim(), element.LocalName, element.SourceReference?.Position.Line ?? 0));
        return new PageLinks(ids, links);
    }
}
