using AngleSharp.Dom;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Privacy;
using Express.Site.Reading;
using Express.Site.Reading.Light;
using Express.Site.Steps.Read;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>
/// Rewrites every third-party script, iframe, image, media element and loading link into an inert, consent-gated
/// element: what it would load moves to data-* attributes, and data-consent-vendor and data-consent-category name who
/// and why, so the consent script can bring it to life after consent. Inline scripts are recognised by their vendor's
/// markers; a &lt;noscript&gt; that would load from another site is removed, since without script there is no way to
/// consent. It works from <see cref="DocumentReader"/>'s reading, an allow-list: a URL is fine when it stays on this
/// site (or is an image's data: URL), gated when a declared vendor's element can be gated, and refused otherwise, as
/// is an inline script in content that no vendor's markers claim and the theme did not write.
/// </summary>
public sealed partial class ConsentGating(PrivacyData? privacy, TemplateLibrary? templates, IReadOnlyList<SourceFile> dataFiles,
    Func<Vendor, Page, string>? placeholder) : IHtmlTransform
{
    private readonly PrivacyData? _privacy = privacy;
    private readonly TemplateLibrary? _templates = templates;
    private readonly IReadOnlyList<SourceFile> _dataFiles = dataFiles;
    private readonly Func<Vendor, Page, string>? _placeholder = placeholder;

    public const string PlaceholderPartial = "consent-placeholder";
    public const string VendorAttribute = "data-consent-vendor";
    public const string CategoryAttribute = "data-consent-category";

    /// <summary>The gating for a site: its privacy data, its host, and the theme's placeholder for gated frames.</summary>
    public static ConsentGating For(Pipeline.SiteState site)
    {
        var templates = site.RequireTemplates();
        var renderer = new TemplateRenderer(templates, site.RequireModel());
        var vendors = site.RequireModel().Globals[LoadPrivacyData.DataName] as Scriban.Runtime.ScriptObject;
        Func<Vendor, Page, string>? placeholder = templates.Partial(PlaceholderPartial) is { } partial
            ? (vendor, page) => renderer.Render(partial.Template, page, null, variables: [new("vendor", (vendors?["vendor_by_id"] as Scriban.Runtime.ScriptObject)?[vendor.Id])])
            : null;
        return new ConsentGating(site.Privacy?.Data, templates, site.DataFiles, placeholder);
    }

    public void Apply(DocumentReading reading, Page page, ICollection<PageProblem> problems, PageEdits edits) =>
        new PageGating(this, page, problems, edits).Run(reading);

    /// <summary>Whether a data: URL in this reference is an image, which loads and runs nothing.</summary>
    public static bool IsDataImage(Reference reference) => PageGating.DataIsImage(reference);

    /// <summary>The gating of one page: it decides on the reader's tree, and says what to change in <paramref name="edits"/>.</summary>
    private sealed class PageGating(ConsentGating gating, Page page, ICollection<PageProblem> problems, PageEdits edits)
    {
        /// <summary>Elements this gating marks as gated, and those it removes (the tree it reads stays as it was).</summary>
        private readonly HashSet<LightElement> _gated = new(ReferenceEqualityComparer.Instance), _removed = new(ReferenceEqualityComparer.Instance);

        public void Run(DocumentReading reading)
        {
            foreach (var problem in reading.Problems)
                Report(problem.Line, problem.Snippet, $"the page cannot be read as a browser would: {problem.Message}", problem.Fix);
            // The references by the element of the live document they belong to, in the order first met: its own (read
            // from its attributes and text, so their element is the owner) and those nested in its noscript, template or
            // srcdoc. A link that needs a click, and an address on this site, are fine wherever they are: left out.
            var owners = new List<LightElement>();
            var byOwner = new Dictionary<LightElement, (List<Reference> Own, List<Reference> Nested)>(ReferenceEqualityComparer.Instance);
            foreach (var reference in reading.References)
            {
                if (reference.NeedsNoConsent) continue;
                if (!byOwner.TryGetValue(reference.Owner, out var lists))
                {
                    byOwner[reference.Owner] = lists = ([], []);
                    owners.Add(reference.Owner);
                }
                (reference.Context == ReadContext.Document ? lists.Own : lists.Nested).Add(reference);
            }
            // Markup written gated (by the theme) is checked, not rewritten.
            foreach (var element in reading.Elements)
                if (element.GetAttribute(null, VendorAttribute) is { } vendorId)
                    CheckAlreadyGated(element, vendorId, byOwner.TryGetValue(element, out var lists) ? lists.Own : []);
            foreach (var owner in owners)
            {
                var (own, nested) = byOwner[owner];
                if (nested.Count > 0) Nested(owner, nested);
                if (own.Count > 0 && !_removed.Contains(owner)) Element(owner, own);
            }
            foreach (var script in reading.Scripts.Where(s => s.Kind.RunsCode() && s.Context is ReadContext.Document or ReadContext.Template or ReadContext.NestedDocument))
                InlineScript(script);
        }

        /// <summary>Whether the element is written gated (data-consent-vendor) or this gating gated it.</summary>
        private bool IsGated(LightElement element) => element.HasAttribute(VendorAttribute) || _gated.Contains(element);

        /// <summary>What an element of the live document loads from its own attributes.</summary>
        private void Element(LightElement element, List<Reference> references)
        {
            if (IsGated(element)) return; // checked above
            var thirdParty = new List<Reference>();
            foreach (var reference in references)
                if (Unacceptable(reference) is { } why) Report(reference, why.Message, why.Fix);
                else if (reference is { Use: ReferenceUse.Fetch, Address.Kind: AddressKind.ThirdParty }) thirdParty.Add(reference);
            if (thirdParty.Count == 0) return;

            var vendor = VendorOf(element, thirdParty);
            if (vendor is null) return;
            if (thirdParty.FirstOrDefault(r => !Gateable(element, r.Attribute)) is { } fixedLoad)
            {
                Report(fixedLoad, $"<{element.LocalName} {fixedLoad.Attribute}=\"{Shorten(fixedLoad.Address.Written)}\"> loads from {vendor.Name} ({fixedLoad.Address.ThirdPartyHost}) in a way the consent script cannot hold back until consent",
                    "embed the vendor's content with an <img>, <iframe>, <script src>, <video>, <audio> or <link>, which are gated, or remove it");
                return;
            }
            Gate(element, vendor, thirdParty);
        }

        /// <summary>Why a reference can be neither allowed nor gated; null when it can.</summary>
        private (string Message, string Fix)? Unacceptable(Reference r)
        {
            var tag = $"<{r.Element.LocalName} {r.Attribute}=\"{Shorten(r.Address.Written)}\">";
            return (r.Use, r.Address.Kind) switch
            {
                (ReferenceUse.Navigate, _) => null, // javascript: links are CheckInlineCode's, broken links ValidateLinks'
                (_, AddressKind.Site or AddressKind.Blank) => null,
                (ReferenceUse.Fetch, AddressKind.ThirdParty) => null, // gated below, or refused for its vendor
                (ReferenceUse.Fetch, AddressKind.Data) when DataIsImage(r) => null,
                (ReferenceUse.Fetch, AddressKind.Data) => ($"{tag} holds a document or code in a data: URL, which the build cannot check",
                    "publish the content as a file of the site and link to it, or remove it"),
                (ReferenceUse.FormTarget, AddressKind.ThirdParty) => ($"{tag} sends the form to {r.Address.ThirdPartyHost}; the Content-Security-Policy lets forms post only to this site",
                    "send the form to this site (Netlify Forms), or link to the other site's form"),
                (ReferenceUse.FormTarget, _) => null,
                (ReferenceUse.Base, _) => ($"{tag} makes every relative address on the page point to {r.Address.Resolved.Origin}",
                    "remove the <base> element; write addresses relative to the site"),
                (_, AddressKind.Script) => ($"{tag} runs code from a javascript: URL", "content carries no code: put a script in the theme's assets/js/"),
                (ReferenceUse.Unclassified, AddressKind.ThirdParty) => ($"{tag} names {r.Address.ThirdPartyHost} in an attribute the build does not know, so it cannot tell whether a browser loads it",
                    "remove the attribute, or use an element and attribute the README's gating section lists"),
                _ => ($"{tag}: the build cannot tell what a browser does with this address ({r.Address.Resolved.Scheme}:)",
                    "use an address on this site or an https address of a declared vendor"),
            };
        }

        /// <summary>data: URLs are fine where they are images: no request, no script.</summary>
        public static bool DataIsImage(Reference r) => r.Element.IsHtml && (r.Element.LocalName, r.Attribute) switch
        {
            ("img" or "source" or "input", _) or ("video", "poster") or (_, "style") => true,
            ("link", "href") => (r.Element.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).All(rel => rel.Equals("icon", StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };

        /// <summary>Elements and attributes the consent script can bring to life: it restores src, srcset, href, poster, data and style.</summary>
        private static bool Gateable(LightElement element, string attribute) =>
            element.IsHtml && (element.LocalName, attribute) switch
            {
                ("script" or "iframe" or "embed" or "audio" or "track" or "input", "src") => true,
                ("img" or "source", "src" or "srcset") or ("video", "src" or "poster") or ("object", "data") or ("link", "href") => true,
                (_, "style") => true,
                _ => false,
            };

        /// <summary>The one declared vendor all of an element's third-party loads belong to; null (reported) otherwise.</summary>
        private Vendor? VendorOf(LightElement element, List<Reference> thirdParty)
        {
            Vendor? found = null;
            var ok = true;
            foreach (var reference in thirdParty)
            {
                var host = reference.Address.ThirdPartyHost!;
                var vendor = gating._privacy?.VendorForHost(host);
                if (vendor is null)
                {
                    Undeclared(reference);
                    ok = false;
                }
                else if (found is not null && found != vendor)
                {
                    Report(reference, $"<{element.LocalName}> loads from both {found.Id} and {vendor.Id}", "split it into one element per vendor");
                    ok = false;
                }
                else found = vendor;
            }
            return ok ? found : null;
        }

        private void Gate(LightElement element, Vendor vendor, List<Reference> thirdParty)
        {
            if (element.LocalName == "link" && (element.GetAttribute("rel") ?? "").ToLowerInvariant().Split(' ').Any(r => r is "preconnect" or "dns-prefetch"))
            {
                Remove(element); // a connection hint is worth nothing before consent and leaks the visit
                return;
            }
            var moved = thirdParty.Select(r => r.Attribute).Distinct().ToList(); // first-party sources stay
            edits.Add(element, e => { foreach (var attribute in moved) MoveToData(e, attribute); });
            MarkGated(element, vendor);
            switch (element.LocalName)
            {
                case "script":
                    edits.Add(element, e =>
                    {
                        foreach (var flag in new[] { "async", "defer" })
                            if (e.HasAttribute(flag)) { e.RemoveAttribute(flag); e.SetAttribute($"data-{flag}", "true"); }
                        MoveToData(e, "type");
                        e.SetAttribute("type", "text/plain");
                    });
                    break;
                case "iframe" or "embed" or "object" or "video" or "audio":
                    edits.Add(element, e => e.SetAttribute("hidden", ""));
                    InsertPlaceholder(element, vendor, thirdParty[0]);
                    break;
            }
        }

        private void Remove(LightElement element)
        {
            _removed.Add(element);
            edits.Add(element, e => e.Remove());
        }

        private void MarkGated(LightElement element, Vendor vendor)
        {
            _gated.Add(element);
            edits.Add(element, e =>
            {
                e.SetAttribute(VendorAttribute, vendor.Id);
                e.SetAttribute(CategoryAttribute, vendor.Category);
            });
        }

        /// <summary>References inside a noscript, a template or an iframe's srcdoc, which the consent script cannot reach.</summary>
        private void Nested(LightElement owner, List<Reference> references)
        {
            var leaving = references.Where(r => r.Use != ReferenceUse.Navigate && r.Address.Kind is not (AddressKind.Site or AddressKind.Blank)).ToList();
            if (leaving.Count == 0) return;
            if (owner.LocalName == "noscript")
            {
                // Without script there is no way to consent: what loads only without script (a tracker pixel) goes.
                foreach (var reference in leaving.Where(r => r.Address.Kind == AddressKind.ThirdParty && gating._privacy?.VendorForHost(r.Address.ThirdPartyHost!) is null))
                    Undeclared(reference);
                Remove(owner);
                return;
            }
            var where = owner.LocalName == "template" ? "inside <template>" : "in the document of <iframe srcdoc>";
            foreach (var reference in leaving)
                Report(reference, $"<{reference.Element.LocalName} {reference.Attribute}=\"{Shorten(reference.Address.Written)}\"> {where} loads from outside the site, where the consent script cannot hold it back",
                    reference.Address.Kind == AddressKind.ThirdParty && gating._privacy?.VendorForHost(reference.Address.ThirdPartyHost!) is null
                        ? UndeclaredFix(reference.Address.ThirdPartyHost!) + "; and move the element out of the " + (owner.LocalName == "template" ? "template" : "srcdoc")
                        : "move the element into the page itself, where it is gated");
        }

        private void InlineScript(InlineScript script)
        {
            var text = script.Text;
            if (IsGated(script.Element)) return; // checked with the element's references
            var byMarker = gating._privacy?.Vendors.Where(v => v.Markers.Any(m => text.Contains(m, StringComparison.Ordinal))).ToList() ?? [];
            if (script.Context == ReadContext.Document && byMarker.Count == 1)
            {
                MarkGated(script.Element, byMarker[0]);
                edits.Add(script.Element, e => e.SetAttribute("type", "text/plain"));
                return;
            }
            var snippet = byMarker.Count > 0 ? byMarker[0].Markers.First(m => text.Contains(m, StringComparison.Ordinal)) : FirstLine(text);
            if (byMarker.Count > 1)
                Report(script.Line, snippet, $"an inline script holds the snippets of {string.Join(" and ", byMarker.Select(v => v.Id))}",
                    "put each vendor's snippet in a <script> of its own, so each runs only with its own consent");
            else if (byMarker.Count == 1)
                Report(script.Line, snippet, $"{byMarker[0].Name}'s snippet is inside <{script.Owner.LocalName}>, where the consent script cannot hold it back",
                    "move the snippet into the page itself, where it is gated");
            else if (IsThemeCode(text)) return;
            else if (DeclaredHostIn(text) is { } named)
                Report(script.Line, named.Host, $"an inline <script> in the content names {named.Host}, a host of {named.Vendor.Id}, but no marker of that vendor, so it would run before consent",
                    $"add a text that only this snippet has (such as the address it loads) to the markers of the vendor it belongs to in privacy.yml, or declare it as a vendor of its own; " +
                    "first-party code belongs in the theme's assets/js/");
            else
                Report(script.Line, snippet, "an inline <script> in the content would run before consent, and no vendor's markers in privacy.yml claim it",
                    "content carries no first-party code: put the script in the theme's assets/js/ and load it from a layout; " +
                    "for a vendor's snippet, declare the vendor with a marker that identifies its snippet (the markers key in privacy.yml)");
        }

        /// <summary>The first host of a declared vendor that a script names, to say which vendor a snippet without markers is likely from.</summary>
        private (string Host, Vendor Vendor)? DeclaredHostIn(string text)
        {
            foreach (System.Text.RegularExpressions.Match match in NamedHost().Matches(text))
                if (gating._privacy?.VendorForHost(match.Groups[1].Value.ToLowerInvariant()) is { } vendor) return (match.Groups[1].Value.ToLowerInvariant(), vendor);
            return null;
        }

        /// <summary>Code the theme wrote itself, literally in a layout or partial, is the site's own and allowed (by hash).</summary>
        private bool IsThemeCode(string text) =>
            text.Trim() is { Length: > 0 } code && (gating._templates?.All.Any(t => t.File.Text.Contains(code, StringComparison.Ordinal)) ?? false);

        private void CheckAlreadyGated(LightElement element, string vendorId, List<Reference> references)
        {
            var line = element.SourceReference?.Position.Line ?? 0;
            var vendor = gating._privacy?.Vendors.FirstOrDefault(v => v.Id == vendorId);
            if (vendor is null)
            {
                Report(line, vendorId, $"<{element.LocalName}> is gated for the vendor '{vendorId}', which privacy.yml does not declare",
                    $"use one of: {string.Join(", ", gating._privacy?.Vendors.Select(v => v.Id) ?? [])}");
                return;
            }
            if (element.GetAttribute(CategoryAttribute) != vendor.Category)
                Report(line, vendorId, $"<{element.LocalName}> names the category '{element.GetAttribute(CategoryAttribute)}' for {vendorId}, whose category is '{vendor.Category}'",
                    $"write {CategoryAttribute}=\"{vendor.Category}\"");
            foreach (var live in references.Where(r => r.Use == ReferenceUse.Fetch && r.Address.Kind is not (AddressKind.Site or AddressKind.Blank)))
                Report(live, $"<{element.LocalName}> is marked as gated but still loads {live.Address.Written}",
                    "move the address to data-src (or data-href), so nothing loads before consent");
            if (element.LocalName == "script" && element.GetAttribute("type") != "text/plain")
                Report(line, vendorId, "a gated <script> is not type=\"text/plain\", so it would run before consent", "add type=\"text/plain\"");
        }

        private void InsertPlaceholder(LightElement element, Vendor vendor, Reference at)
        {
            if (gating._placeholder is null)
            {
                Report(at, $"<{element.LocalName}> must be replaced by a consent placeholder, but the theme has none",
                    $"add partials/{PlaceholderPartial}.html to the theme (it gets 'vendor')");
                return;
            }
            var placeholder = gating._placeholder(vendor, page);
            edits.Add(element, e =>
            {
                var holder = e.Owner!.CreateElement("div");
                holder.InnerHtml = placeholder;
                foreach (var node in holder.ChildNodes.ToList()) e.Before(node);
            });
        }

        private void Undeclared(Reference r)
        {
            var host = r.Address.ThirdPartyHost!;
            Report(r, $"<{r.Element.LocalName}> loads {Shorten(r.Address.Written)} from {host}, which no vendor in privacy.yml declares", UndeclaredFix(host));
        }

        private static string UndeclaredFix(string host) =>
            "a third-party request needs the visitor's consent, so its vendor must be declared; add it to input/_data/privacy.yml " +
            $"(or remove the element):\n      - id: ...\n        name: ...\n        provider: ...\n        category: statistics   # or marketing\n        hosts: [{host}]\n" +
            "        ... (see \"The privacy data\" in the README for the other keys)";

        private void Report(Reference r, string message, string fix) => Report(r.Line, r.Address.Written, message, fix);

        /// <summary>Reports where <paramref name="snippet"/> is written; an address written with entities, escapes or
        /// control characters is found by its host or its beginning instead.</summary>
        private void Report(int outputLine, string snippet, string message, string fix)
        {
            var at = new[] { snippet }.Concat(Fallbacks(snippet)).Select(text => SourceLineFinder.TryFind(text, page, gating._templates, gating._dataFiles)).FirstOrDefault(found => found is not null)
                     ?? SourceLineFinder.Find(snippet, page, gating._templates, outputLine, gating._dataFiles);
            Report(at, message, fix);
        }

        private static IEnumerable<string> Fallbacks(string snippet)
        {
            var slashes = snippet.IndexOf("//", StringComparison.Ordinal);
            if (slashes >= 0 && snippet.Length > slashes + 2) yield return snippet[(slashes + 2)..];
            var plain = snippet.TakeWhile(c => !char.IsControl(c) && c is not ('\\' or '&' or '%')).Count();
            if (plain >= 8) yield return snippet[..plain];
        }

        private void Report(SourceLocation at, string message, string fix) => problems.Add(new PageProblem(at, message, fix));
    }

    private static void MoveToData(IElement element, string attribute)
    {
        if (element.GetAttribute(attribute) is not { } value) return;
        element.SetAttribute($"data-{attribute}", value);
        element.RemoveAttribute(attribute);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"//([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})")]
    private static partial System.Text.RegularExpressions.Regex NamedHost();

    /// <summary>The script's first line (at most 60 characters), to find where it is written.</summary>
    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 60 ? line[..60] : line;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
