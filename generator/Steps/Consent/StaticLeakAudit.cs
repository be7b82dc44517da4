using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using Express.Site.Core;
using Express.Site.Privacy;

namespace Express.Site.Steps.Consent;

/// <summary>
/// Defence in depth behind the gating: re-reads finished HTML and CSS and reports every element that could make the
/// browser contact another host before the visitor consents. It shares no decision code with the rewriter on purpose,
/// so a bug there is caught here, and its idea of what loads is deliberately wider (SVG hrefs, &lt;base&gt;, ping,
/// meta refresh, hosts named in running scripts). It reads tokens, not a DOM, so auditing every page stays cheap.
/// </summary>
public sealed class StaticLeakAudit(PrivacyData? privacy, string siteHost)
{
    /// <summary>Attributes whose URL the browser fetches by itself, not on a click. data-* attributes are inert.</summary>
    private static readonly HashSet<string> LoadingAttributes =
        ["src", "srcset", "imagesrcset", "poster", "data", "background", "codebase", "archive", "manifest", "lowsrc", "dynsrc", "ping", "longdesc"];

    /// <summary>Elements whose href (or xlink:href) is fetched as they render: the HTML and SVG ones.</summary>
    private static readonly HashSet<string> LoadingHrefElements = ["link", "base", "image", "use", "feimage", "script"];

    /// <summary>Link relations that only describe or navigate: their href is not fetched.</summary>
    private static readonly HashSet<string> NavigationRels =
        ["canonical", "alternate", "author", "license", "me", "next", "prev", "help", "search", "bookmark", "external", "nofollow", "noopener", "noreferrer", "tag", "privacy-policy", "terms-of-service"];

    /// <summary>Every leak in one HTML document; <paramref name="file"/> names it in the findings.</summary>
    public IReadOnlyList<Diagnostic> AuditHtml(string html, string file)
    {
        var findings = new List<Diagnostic>();
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver) { SkipComments = true };
        HtmlTagToken? open = null; // the script or style element whose text is being read
        var text = new StringBuilder();
        for (var token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (open is not null)
            {
                if (token.Type == HtmlTokenType.Character) text.Append(token.Data);
                else if (token.Type == HtmlTokenType.EndTag && token.Name == open.Name)
                {
                    AuditText(open, text.ToString(), file, findings);
                    (open, text.Length) = (null, 0);
                }
                continue;
            }
            if (token.Type != HtmlTokenType.StartTag) continue;
            var tag = token.AsTag();
            var at = new SourceLocation(file, tag.Position.Line);
            foreach (var attribute in tag.Attributes)
                foreach (var url in UrlsIn(tag, attribute.Name, attribute.Value))
                    if (OtherHost(url) is { } host)
                        findings.Add(Finding(at, $"<{tag.Name} {attribute.Name}=\"{Shorten(attribute.Value)}\"> contacts {host} before consent"));
            if (tag.Name == "meta" && tag.GetAttribute("http-equiv").Equals("refresh", StringComparison.OrdinalIgnoreCase)
                && FirstOtherHost(tag.GetAttribute("content")) is { } refreshHost)
                findings.Add(Finding(at, $"<meta http-equiv=\"refresh\"> sends the visitor to {refreshHost}"));
            if (tag.Name is "script" or "style" && !tag.IsSelfClosing)
            {
                open = tag;
                tokenizer.State = tag.Name == "script" ? HtmlParseMode.Script : HtmlParseMode.Rawtext;
            }
            else if (tag.Name is "textarea" or "title") tokenizer.State = HtmlParseMode.RCData;
            else if (tag.Name is "xmp" or "iframe" or "noembed" or "noframes") tokenizer.State = HtmlParseMode.Rawtext;
        }
        return findings;
    }

    /// <summary>Every leak in one style sheet: url() and @import of another host.</summary>
    public IReadOnlyList<Diagnostic> AuditCss(string css, string file)
    {
        var findings = new List<Diagnostic>();
        var lines = css.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (FirstOtherHost(lines[i]) is { } host)
                findings.Add(Finding(new SourceLocation(file, i + 1), $"the style sheet loads from {host} without consent"));
        return findings;
    }

    private void AuditText(HtmlTagToken element, string text, string file, List<Diagnostic> findings)
    {
        var at = new SourceLocation(file, element.Position.Line);
        if (element.Name == "style")
        {
            if (FirstOtherHost(text) is { } styleHost) findings.Add(Finding(at, $"<style> loads from {styleHost} without consent"));
            return;
        }
        if (!string.IsNullOrEmpty(element.GetAttribute("src")) || !IsRunnable(element.GetAttribute("type"))) return;
        if (privacy?.Vendors.FirstOrDefault(v => v.Markers.Any(m => text.Contains(m, StringComparison.Ordinal))) is { } vendor)
            findings.Add(Finding(at, $"an inline <script> runs {vendor.Name}'s snippet before consent"));
        else if (FirstOtherHost(text) is { } scriptHost)
            findings.Add(Finding(at, $"an inline <script> names {scriptHost} and runs before consent"));
    }

    private static Diagnostic Finding(SourceLocation at, string what) => Diagnostic.Error(at, $"leak: {what}",
        "this is a bug in the consent gating (it should have gated the element or stopped the build): report it, and remove the element from the page meanwhile");

    private static IEnumerable<string> UrlsIn(HtmlTagToken tag, string attribute, string value)
    {
        if (attribute.StartsWith("data-", StringComparison.Ordinal)) return [];
        if (attribute == "style") return UrlsInText(value);
        if (attribute is "href" or "xlink:href")
        {
            if (!LoadingHrefElements.Contains(tag.Name)) return []; // <a>, <area>: followed on a click only
            var rels = tag.GetAttribute("rel").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return tag.Name == "link" && rels.Length > 0 && rels.All(NavigationRels.Contains) ? [] : [value];
        }
        if (!LoadingAttributes.Contains(attribute)) return [];
        return attribute.EndsWith("srcset", StringComparison.Ordinal) ? value.Split(',').Select(c => c.Trim().Split(' ')[0])
            : attribute == "ping" ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [value];
    }

    /// <summary>Scheme-relative or absolute web addresses in free text (CSS, script, meta content), as "https://host/".</summary>
    private static IEnumerable<string> UrlsInText(string text)
    {
        for (var at = text.IndexOf("//", StringComparison.Ordinal); at >= 0; at = text.IndexOf("//", at + 2, StringComparison.Ordinal))
        {
            var end = at + 2;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '-' or ':')) end++;
            if (end > at + 2 && text[(at + 2)..end].Contains('.')) yield return "https:" + text[at..end] + "/";
        }
    }

    private string? FirstOtherHost(string text) => UrlsInText(text).Select(OtherHost).FirstOrDefault(h => h is not null);

    private string? OtherHost(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal)) trimmed = "https:" + trimmed;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss" or "ftp")) return null;
        return string.IsNullOrEmpty(uri.Host) || uri.Host.Equals(siteHost, StringComparison.OrdinalIgnoreCase) ? null : uri.Host;
    }

    private static bool IsRunnable(string type) => string.IsNullOrWhiteSpace(type) ||
        type.Trim().ToLowerInvariant() is "module" or "text/javascript" or "application/javascript" or "text/ecmascript" or "application/ecmascript" or "text/jscript";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
