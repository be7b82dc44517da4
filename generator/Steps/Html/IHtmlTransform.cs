using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser.Tokens;
using Express.Site.Core;

namespace Express.Site.Steps.Html;

/// <summary>One rewrite of a page's HTML (consent gating and the like plug in here).</summary>
public interface IHtmlTransform
{
    /// <summary>
    /// Asked during the fast scan for each start tag (<paramref name="text"/> null) and again for each script and
    /// style element with its text: does this page need the transform? Only pages some transform wants are parsed
    /// into a DOM and passed to <see cref="Apply"/>.
    /// </summary>
    bool Wants(HtmlTagToken tag, string? text);

    /// <returns>true when the document was changed and must be serialized again.</returns>
    bool Apply(IHtmlDocument document, Page page);
}
