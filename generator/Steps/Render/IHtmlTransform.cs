using Express.Site.Model;
using Express.Site.Reading;

namespace Express.Site.Steps.Render;

/// <summary>One rewrite of a page's HTML (consent gating and the like plug in here).</summary>
public interface IHtmlTransform
{
    /// <param name="reading">what the page loads and runs, as a browser reads it.</param>
    /// <param name="problems">where the transform reports what the editor must fix; it reports every one, not just the first.</param>
    /// <param name="edits">where the transform says what to change; a page with edits is made again from them.</param>
    void Apply(DocumentReading reading, Page page, ICollection<PageProblem> problems, PageEdits edits);
}
