using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser.Tokens;
using Express.Site.Core;
using Express.Site.Privacy;
using Express.Site.Steps.Html;
using Express.Site.Steps.Links;
using Express.Site.Steps.Templates;

namespace Express.Site.Steps.Consent;

/// <summary>
/// Rewrites every third-party script, iframe, image, media element, preload and CSS url() into an inert,
/// consent-gated element: what it would load moves to data-* attributes, and data-consent-vendor and
/// data-consent-category name who and why, so the consent script can bring it to life after consent. Inline scripts
/// are recognised by their vendor's markers; tracker pixels in &lt;noscript&gt; are removed, since without script
/// there is no way to consent. A third-party host that no vendor declares fails the build.
/// </summary>
public sealed class ConsentGating(PrivacyData? privacy, string siteHost, TemplateLibrary? templates, Func<Vendor, Page, string>? placeholder) : IHtmlTransform
{
    public const string PlaceholderPartial = "consent-placeholder";
    public const string VendorAttribute = "data-consent-vendor";

    /// <summary>The gating for a site: its privacy data, its host, and the theme's placeholder for gated frames.</summary>
    public static ConsentGating For(Pipeline.SiteState site)
    {
        var templates = site.RequireTemplates();
        var renderer = new TemplateRenderer(templates, site.RequireModel());
        var vendors = site.RequireModel().Globals[Privacy.LoadPrivacyData.DataName] as Scriban.Runtime.ScriptObject;
        Func<Vendor, Page, string>? placeholder = templates.Partial(PlaceholderPartial) is { } partial
            ? (vendor, page) => renderer.Render(partial.Template, page, null, variables: [new("vendor", (vendors?["vendor_by_id"] as Scriban.Runtime.ScriptObject)?[vendor.Id])])
            : null;
        return new ConsentGating(site.Privacy?.Data, site.RequireSettings().BaseUri.Host, templates, placeholder);
    }

    public const string CategoryAttribute = "data-consent-category";

    public bool Wants(HtmlTagToken tag, string? text)
    {
        if (text is not null)
            return tag.Name == "script" ? IsExecutable(tag.GetAttribute("type")) && string.IsNullOrEmpty(tag.GetAttribute("src")) && VendorsByMarker(text).Any()
                : ResourceAttributes.CssUrls(text).Any(IsThirdParty);
        var loads = ResourceAttributes.For(tag.Name, tag.GetAttribute("rel")).Any(a => ResourceAttributes.Urls(a, tag.GetAttribute(a) ?? "").Any(IsThirdParty))
                    || (tag.GetAttribute("style") is { Length: > 0 } style && ResourceAttributes.CssUrls(style).Any(IsThirdParty));
        if (tag.GetAttribute(VendorAttribute) is not { Length: > 0 } vendorId) return loads;
        // Already gated (by the theme): the page is wanted only to report a mistake in it.
        var vendor = privacy?.Vendors.FirstOrDefault(v => v.Id == vendorId);
        return loads || vendor is null || tag.GetAttribute(CategoryAttribute) != vendor.Category
               || (tag.Name == "script" && tag.GetAttribute("type") != "text/plain");
    }

    public bool Apply(IHtmlDocument document, Page page)
    {
        var changed = false;
        foreach (var noscript in document.QuerySelectorAll("noscript").ToList())
            if (noscript.QuerySelectorAll("*").Any(e => ThirdPartyHosts(e).Any()) || ResourceAttributes.CssUrls(noscript.TextContent).Any(IsThirdParty))
            {
                foreach (var e in noscript.QuerySelectorAll("*")) VendorsFor(e, page); // an undeclared host still fails
                noscript.Remove();
                changed = true;
            }
        foreach (var element in document.QuerySelectorAll("*").ToList())
            changed |= Gate(element, page);
        return changed;
    }

    private bool Gate(IElement element, Page page)
    {
        if (element.GetAttribute(VendorAttribute) is { } gatedFor)
        {
            CheckAlreadyGated(element, gatedFor, page);
            return false;
        }
        if (element.LocalName == "script" && !element.HasAttribute("src"))
        {
            if (!IsExecutable(element.GetAttribute("type"))) return false;
            var byMarker = VendorsByMarker(element.TextContent).Distinct().ToList();
            if (byMarker.Count == 0) return false;
            if (byMarker.Count > 1)
                throw new SiteException(Locate(element, page, byMarker[0].Markers.First(element.TextContent.Contains)),
                    $"an inline script on {page.Url} holds the snippets of {string.Join(" and ", byMarker.Select(v => v.Id))}",
                    "put each vendor's snippet in a <script> of its own, so each runs only with its own consent");
            MarkGated(element, byMarker[0]);
            element.SetAttribute("type", "text/plain");
            return true;
        }

        var vendor = VendorsFor(element, page);
        if (vendor is null) return false;

        if (element.LocalName == "link" && element.GetAttribute("rel")!.Split(' ').Any(r => r is "preconnect" or "dns-prefetch"))
        {
            element.Remove(); // a connection hint is worth nothing before consent and leaks the visit
            return true;
        }
        foreach (var attribute in ResourceAttributes.For(element.LocalName, element.GetAttribute("rel")))
            if (ResourceAttributes.Urls(attribute, element.GetAttribute(attribute) ?? "").Any(IsThirdParty))
                MoveToData(element, attribute); // first-party sources (an own fallback image) stay
        if (element.GetAttribute("style") is { } style && ResourceAttributes.CssUrls(style).Any(IsThirdParty))
            MoveToData(element, "style");
        MarkGated(element, vendor);
        switch (element.LocalName)
        {
            case "script":
                foreach (var flag in new[] { "async", "defer" })
                    if (element.HasAttribute(flag)) { element.RemoveAttribute(flag); element.SetAttribute($"data-{flag}", "true"); }
                MoveToData(element, "type");
                element.SetAttribute("type", "text/plain");
                break;
            case "iframe" or "embed" or "object" or "video" or "audio":
                element.SetAttribute("hidden", "");
                InsertPlaceholder(element, vendor, page);
                break;
        }
        return true;
    }

    /// <summary>The vendor every third-party host of the element belongs to, or null when it loads nothing from
    /// another site. Fails for a host no vendor declares, or hosts of two vendors in one element.</summary>
    private Vendor? VendorsFor(IElement element, Page page)
    {
        Vendor? found = null;
        foreach (var (host, url) in ThirdPartyHosts(element))
        {
            var vendor = privacy?.VendorForHost(host) ?? throw Undeclared(element, host, url, page);
            if (found is not null && found != vendor)
                throw new SiteException(Locate(element, page, url), $"<{element.LocalName}> on {page.Url} loads from both {found.Id} and {vendor.Id}",
                    "split it into one element per vendor");
            found = vendor;
        }
        return found;
    }

    private IEnumerable<(string Host, string Url)> ThirdPartyHosts(IElement element)
    {
        foreach (var attribute in ResourceAttributes.For(element.LocalName, element.GetAttribute("rel")))
            foreach (var url in ResourceAttributes.Urls(attribute, element.GetAttribute(attribute) ?? ""))
                if (ResourceAttributes.ThirdPartyHost(url, siteHost) is { } host) yield return (host, url);
        foreach (var url in ResourceAttributes.CssUrls(element.GetAttribute("style") ?? ""))
            if (ResourceAttributes.ThirdPartyHost(url, siteHost) is { } host) yield return (host, url);
    }

    private void CheckAlreadyGated(IElement element, string vendorId, Page page)
    {
        var vendor = privacy?.Vendors.FirstOrDefault(v => v.Id == vendorId) ?? throw new SiteException(
            Locate(element, page, vendorId), $"<{element.LocalName}> on {page.Url} is gated for the vendor '{vendorId}', which privacy.yml does not declare",
            $"use one of: {string.Join(", ", privacy?.Vendors.Select(v => v.Id) ?? [])}");
        if (element.GetAttribute(CategoryAttribute) != vendor.Category)
            throw new SiteException(Locate(element, page, vendorId), $"<{element.LocalName}> on {page.Url} names the category '{element.GetAttribute(CategoryAttribute)}' for {vendorId}, whose category is '{vendor.Category}'",
                $"write {CategoryAttribute}=\"{vendor.Category}\"");
        if (ThirdPartyHosts(element).FirstOrDefault() is { Host: not null } live)
            throw new SiteException(Locate(element, page, live.Url), $"<{element.LocalName}> on {page.Url} is marked as gated but still loads {live.Url}",
                "move the address to data-src (or data-href), so nothing loads before consent");
        if (element.LocalName == "script" && element.GetAttribute("type") != "text/plain")
            throw new SiteException(Locate(element, page, vendorId), $"a gated <script> on {page.Url} is not type=\"text/plain\", so it would run before consent",
                "add type=\"text/plain\"");
    }

    private void InsertPlaceholder(IElement element, Vendor vendor, Page page)
    {
        if (placeholder is null)
            throw new SiteException(Locate(element, page, vendor.Hosts[0].Pattern.TrimStart('*', '.')),
                $"<{element.LocalName}> on {page.Url} must be replaced by a consent placeholder, but the theme has none",
                $"add partials/{PlaceholderPartial}.html to the theme (it gets 'vendor')");
        var holder = element.Owner!.CreateElement("div");
        holder.InnerHtml = placeholder(vendor, page);
        foreach (var node in holder.ChildNodes.ToList()) element.Before(node);
    }

    private static void MarkGated(IElement element, Vendor vendor)
    {
        element.SetAttribute(VendorAttribute, vendor.Id);
        element.SetAttribute(CategoryAttribute, vendor.Category);
    }

    private static void MoveToData(IElement element, string attribute)
    {
        if (element.GetAttribute(attribute) is not { } value) return;
        element.SetAttribute($"data-{attribute}", value);
        element.RemoveAttribute(attribute);
    }

    private IEnumerable<Vendor> VendorsByMarker(string text) =>
        privacy?.Vendors.Where(v => v.Markers.Any(m => text.Contains(m, StringComparison.Ordinal))) ?? [];

    private bool IsThirdParty(string url) => ResourceAttributes.ThirdPartyHost(url, siteHost) is not null;

    /// <summary>Script types a browser runs; data blocks (JSON-LD, text/plain) are not.</summary>
    public static bool IsExecutable(string? type) => string.IsNullOrWhiteSpace(type) ||
        type.Trim().ToLowerInvariant() is "module" or "text/javascript" or "application/javascript" or "text/ecmascript" or "application/ecmascript";

    private SourceLocation Locate(IElement element, Page page, string text) =>
        SourceLineFinder.Find(text, page, templates, element.SourceReference?.Position.Line ?? 0);

    private SiteException Undeclared(IElement element, string host, string url, Page page) => new(
        Locate(element, page, url),
        $"<{element.LocalName}> on {page.Url} loads {url} from {host}, which no vendor in privacy.yml declares",
        "a third-party request needs the visitor's consent, so its vendor must be declared; add it to input/_data/privacy.yml " +
        $"(or remove the element):\n      - id: ...\n        name: ...\n        provider: ...\n        category: statistics   # or marketing\n        hosts: [{host}]\n" +
        "        ... (see \"The privacy data\" in the README for the other keys)");
}
