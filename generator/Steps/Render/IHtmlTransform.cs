using AngleSharp.Html.Dom;
using Express.Site.Model;
using Express.Site.Reading;

namespace Express.Site.Steps.Render;

/// <summary>One rewrite of a page's HTML (consent gating and the like plug in here).</summary>
public interface IHtmlTransform
{
    /// <param name="document">the page as a browser parses it; the transform may change it.</param>
    /// <param name="reading">what <paramref name="document"/> loads and runs, read before any transform changed it.</param>
    /// <param name="problems">where the transform reports what the editor must fix; it reports every one, not just the first.</param>
    /// <returns>true when the document was changed and must be serialized again.</returns>
    bool Apply(IHtmlDocument document, DocumentReading reading, Page page, ICollection<PageProblem> problems);
}
