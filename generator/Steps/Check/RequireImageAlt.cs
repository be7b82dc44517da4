using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Render;
using Express.Site.Templates;

namespace Express.Site.Steps.Check;

/// <summary>
/// Every image needs a text alternative, also one written as HTML in a page or a template (Markdown images are
/// checked where they are written, in <see cref="Render.Markdown.PageImages"/>): an &lt;img&gt; without an alt attribute
/// stops the build at its source line. An explicit alt="" marks a decorative image.
/// </summary>
public sealed class RequireImageAlt(SiteState site) : IPageCheck
{
    public static RequireImageAlt For(SiteState site) => new(site);

    public IReadOnlyList<Diagnostic> Check(DocumentReading reading, Page page) =>
        [.. reading.References
            .Where(r => r.Context == ReadContext.Document && r.Element.LocalName == "img" && r.Element.NamespaceUri == AngleSharp.Dom.NamespaceNames.HtmlUri
                        && r.Attribute == "src" && !r.Element.HasAttribute("alt"))
            .Select(r => Diagnostic.Error(SourceLineFinder.Find(r.Address.Written, page, site.Templates, r.Line, site.DataFiles),
                $"the image '{r.Address.Written}' on {page.Url} has no alt text (what it shows, for those who cannot see it)",
                "add alt=\"what the image shows\" to the <img>, or alt=\"\" if it is purely decorative"))];
}
