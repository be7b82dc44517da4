using AngleSharp.Html.Dom;
using Express.Site.Core;

namespace Express.Site.Steps.Html;

/// <summary>One rewrite of a page's parsed HTML (consent gating and the like plug in here).</summary>
public interface IHtmlTransform
{
    /// <returns>true when the document was changed and must be serialized again.</returns>
    bool Apply(IHtmlDocument document, Page page);
}
