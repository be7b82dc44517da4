using Express.Site.Model;
using Express.Site.Reading;

namespace Express.Site.Steps.Render;

/// <summary>
/// What link validation, the privacy checks and the Content-Security-Policy need from a page, taken from the same
/// browser-grade reading the consent gating uses: ids, links and loaded resources, forms, inline code.
/// </summary>
public static class PageScanner
{
    public static PageScan Scan(DocumentReading reading)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var forms = new List<PageForm>();
        foreach (var element in reading.Elements)
        {
            if (element.Id is { Length: > 0 } id) ids.Add(id);
            if (element.LocalName == "a" && element.GetAttribute("name") is { Length: > 0 } name) ids.Add(name);
            if (element.LocalName == "form") forms.Add(new PageForm(element.GetAttribute("name") ?? "", element.SourceReference?.Position.Line ?? 0));
        }
        var live = reading.References.Where(r => r.Context == ReadContext.Document && !r.Attribute.StartsWith('(') && r.Attribute != "style");
        return new PageScan(ids,
            [.. live.Where(IsChecked).Select(r => new PageLink(r.Address.Written.Trim(), r.Element.LocalName, r.Line, r.Address.Kind == AddressKind.Script))],
            forms)
        {
            InlineScripts = [.. reading.Scripts.Where(s => s.Context == ReadContext.Document).Select(s => new InlineCode(s.Text, s.Line,
                NeedsHash: s.Kind != ScriptKind.DataBlock) { ConsentVendor = s.Element.GetAttribute("data-consent-vendor") is { Length: > 0 } vendor ? vendor : null })],
            InlineStyles = [.. reading.Styles.Where(s => s.Context == ReadContext.Document).Select(s => new InlineCode(s.Text, s.Line))],
            InlineAttributes = [.. reading.CodeAttributes.Where(a => a.Context is ReadContext.Document or ReadContext.Template)
                .Select(a => new InlineAttribute(a.Element.LocalName, a.Attribute, a.Value, a.Line))],
        };
    }

    /// <summary>Links and resources whose target link validation checks: HTML's, not SVG's fragment references.</summary>
    private static bool IsChecked(Reference reference) =>
        reference.Element.IsHtml && reference.Use is ReferenceUse.Navigate or ReferenceUse.Fetch or ReferenceUse.FormTarget
        && reference.Attribute is not ("cite" or "longdesc" or "itemtype" or "itemid" or "usemap" or "profile" or "ping");
}
