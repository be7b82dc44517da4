using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Express.Site.Core;

namespace Express.Site.Steps.Html;

/// <summary>Collects the ids a page defines and every URL it links to or loads, for link validation.</summary>
public static class LinkCollector
{
    public static PageLinks Collect(IHtmlDocument document)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<PageLink>();
        foreach (var element in document.DocumentElement.GetDescendantsAndSelf().OfType<IElement>())
        {
            if (element.Id is { Length: > 0 } id) ids.Add(id);
            foreach (var attribute in ReferenceAttributes(element.LocalName))
                if (element.GetAttribute(attribute) is { } target)
                {
                    if (element.LocalName == "a" && attribute == "name") ids.Add(target);
                    else links.Add(new PageLink(target.Trim(), element.LocalName, element.SourceReference?.Position.Line ?? 0));
                }
        }
        return new PageLinks(ids, links);
    }

    /// <summary>The attributes of an element that hold a URL the browser follows or loads (and an anchor's old 'name' id).</summary>
    private static string[] ReferenceAttributes(string element) => element switch
    {
        "a" => ["href", "name"],
        "area" or "link" => ["href"],
        "script" or "img" or "iframe" or "source" or "audio" or "embed" => ["src"],
        "video" => ["src", "poster"],
        "object" => ["data"],
        "form" => ["action"],
        _ => [],
    };
}
