using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using Express.Site.Core;

namespace Express.Site.Steps.Html;

/// <summary>
/// A fast pass over a page's HTML with AngleSharp's tokenizer (no DOM): collects the ids the page defines, every URL
/// it links to or loads (with its line), its forms and its inline scripts and styles, and tells whether any HTML
/// transform wants the page. Building a DOM costs several times more, so it is done only for pages a transform will
/// change.
/// </summary>
public static class HtmlScanner
{
    /// <param name="wants">Asked for each start tag (text null) and for each script and style element with its text.</param>
    public static (PageScan Scan, bool Wanted) Scan(string html, Func<HtmlTagToken, string?, bool>? wants = null)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            SkipDataText = true, SkipComments = true, SkipRCDataText = true, SkipPlaintext = true,
        };
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<PageLink>();
        var forms = new List<PageForm>();
        var scripts = new List<InlineCode>();
        var styles = new List<InlineCode>();
        var inlineAttributes = new List<InlineAttribute>();
        var wanted = false;
        HtmlTagToken? open = null; // the script or style element whose text is being read
        var text = new System.Text.StringBuilder();
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            switch (token.Type)
            {
                case HtmlTokenType.Character when open is not null:
                    text.Append(token.Data);
                    continue;
                case HtmlTokenType.EndTag when open is not null && token.Name == open.Name:
                    var code = new InlineCode(text.ToString(), open.Position.Line, open.GetAttribute("type") ?? "")
                    {
                        ConsentVendor = open.GetAttribute("data-consent-vendor") is { Length: > 0 } vendor ? vendor : null,
                    };
                    if (open.Name == "style") styles.Add(code);
                    else if (string.IsNullOrEmpty(open.GetAttribute("src"))) scripts.Add(code);
                    wanted |= wants?.Invoke(open, code.Text) ?? false;
                    (open, text.Length) = (null, 0);
                    continue;
                case not HtmlTokenType.StartTag:
                    continue;
            }
            var tag = token.AsTag();
            wanted |= wants?.Invoke(tag, null) ?? false;
            // The tree builder would switch the tokenizer for elements whose content is not markup; do the same.
            if (ContentMode(tag.Name) is { } mode) tokenizer.State = mode;
            if (tag.Name is "script" or "style" && !tag.IsSelfClosing) open = tag;
            if (tag.Name == "form") forms.Add(new PageForm(tag.GetAttribute("name") ?? "", tag.Position.Line));
            foreach (var attribute in tag.Attributes)
            {
                if (attribute.Name == "id" || (attribute.Name == "name" && tag.Name == "a")) ids.Add(attribute.Value);
                else if (attribute.Name == "style" || attribute.Name.StartsWith("on", StringComparison.Ordinal))
                    inlineAttributes.Add(new InlineAttribute(tag.Name, attribute.Name, attribute.Value, tag.Position.Line));
                else if (IsReference(tag.Name, attribute.Name))
                    links.Add(new PageLink(attribute.Value.Trim(), tag.Name, tag.Position.Line));
            }
        }
        return (new PageScan(ids, links, forms) { InlineScripts = scripts, InlineStyles = styles, InlineAttributes = inlineAttributes }, wanted);
    }

    private static HtmlParseMode? ContentMode(string element) => element switch
    {
        "script" => HtmlParseMode.Script,
        "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
        "textarea" or "title" => HtmlParseMode.RCData,
        "plaintext" => HtmlParseMode.Plaintext,
        _ => null,
    };

    /// <summary>Whether the attribute holds a URL the browser follows or loads.</summary>
    private static bool IsReference(string element, string attribute) => (element, attribute) switch
    {
        ("a" or "area" or "link", "href") => true,
        ("script" or "img" or "iframe" or "source" or "audio" or "video" or "embed" or "track", "src") => true,
        ("video", "poster") or ("object", "data") or ("form", "action") => true,
        _ => false,
    };
}
