using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Express.Site.Reading.Light;

namespace Express.Site.Reading;

/// <summary>
/// Reads a parsed document the way a browser with scripting on does and lists every URL in it with how the browser
/// uses it, every inline script and style, and every attribute with code. It descends into what a browser may also
/// load: &lt;noscript&gt; (parsed as markup, as a browser without scripting would), &lt;template&gt; contents and
/// iframe srcdoc documents. It decides nothing: the consent gating and the leak audit each judge what it reports.
/// </summary>
public sealed partial class DocumentReader
{
    private const int MaxNesting = 4;

    /// <summary>
    /// AngleSharp's table of encodings, made before its default services (below) register .NET's code page encodings:
    /// the table's legacy encodings (GB18030, Big5, windows-1252…) then fall back to UTF-8 instead of loading about
    /// 5 MB of code page tables, some 30 ms of CPU at start-up. Nothing here decodes bytes with AngleSharp: every
    /// document is parsed from text (a page's UTF-8 is decoded by <see cref="LightParser"/>), and a text source
    /// ignores a meta charset. Declared first: static fields are set in the order they are declared.
    /// </summary>
    private static readonly System.Text.Encoding EncodingsBeforeCodePages = AngleSharp.Text.TextEncoding.Utf8;

    /// <summary>
    /// AngleSharp's default services without those that react to a tree as it is built: the attribute observers and the
    /// link relations (which would start loading every &lt;link rel=stylesheet&gt;). They change no node of the tree;
    /// leaving them out makes a parse about a tenth cheaper.
    /// </summary>
    private static readonly IConfiguration Services = Configuration.Default.Without<IAttributeObserver>().Without<ILinkRelationFactory>();

    /// <summary>AngleSharp's HTML parser with a browser's options: scripting on or off, lines kept or not.</summary>
    private static HtmlParserOptions Options(bool scripting, bool lines) =>
        lines ? new HtmlParserOptions { IsScripting = scripting, IsKeepingSourceReferences = true }
              : new HtmlParserOptions { IsScripting = scripting, DisableElementPositionTracking = true };

    private static readonly ThreadLocal<HtmlParser> DomParser = new(() => new HtmlParser(Options(scripting: true, lines: true), BrowsingContext.New(Services)));
    private static readonly ThreadLocal<HtmlParser> FastDomParser = new(() => new HtmlParser(Options(scripting: true, lines: false), BrowsingContext.New(Services)));
    private static readonly ThreadLocal<LightParser> LineParser = new(() => new LightParser(Options(scripting: true, lines: true), Services));
    private static readonly ThreadLocal<LightParser> FastParser = new(() => new LightParser(Options(scripting: true, lines: false), Services));
    private static readonly ThreadLocal<LightParser> NoScriptParser = new(() => new LightParser(Options(scripting: false, lines: true), Services));
    private const string NoScriptPrefix = "<!DOCTYPE html><wbr>";
    private static readonly ThreadLocal<HtmlParser> NoScriptDomParser = new(() => new HtmlParser(Options(scripting: false, lines: true), BrowsingContext.New(Services)));

    /// <summary>Parses an HTML document as a browser with scripting on (noscript is text, foreign content by the
    /// standard), into the tree the reader reads: AngleSharp's tree builder with <see cref="LightDocument"/>'s nodes.</summary>
    /// <param name="lines">keep each element's line; a fifth faster without, for pages whose problems are found by their text.</param>
    /// <remarks>Where AngleSharp's builder cannot build the tree with light nodes (<see cref="LightDocument.IsFaithful"/>:
    /// an element misplaced in a table, table parts in a template), the tree is taken from AngleSharp's DOM.</remarks>
    public static LightDocument Parse(string html, bool lines = true) => Faithful(ParseLightOnly(html, lines), () => ParseDom(html, lines));

    /// <summary>Parses a document given as UTF-8 (a page's HTML as it is kept), as <see cref="Parse(string, bool)"/>.</summary>
    public static LightDocument Parse(byte[] utf8, bool lines = true) =>
        Faithful((lines ? LineParser : FastParser).Value!.Parse(utf8), () => ParseDom(System.Text.Encoding.UTF8.GetString(utf8), lines));

    /// <summary>The light parse when it is faithful, else the tree of AngleSharp's DOM of the same text, marked repaired.</summary>
    private static LightDocument Faithful(LightDocument light, Func<IHtmlDocument> parseDom)
    {
        if (light.IsFaithful) return light;
        using var dom = parseDom();
        return LightDocument.From(dom, repaired: true);
    }

    /// <summary>The light parse alone, faithful or not (for tests).</summary>
    internal static LightDocument ParseLightOnly(string html, bool lines = true) => (lines ? LineParser : FastParser).Value!.Parse(html);

    /// <summary>Parses an HTML document as <see cref="Parse"/> does, into AngleSharp's full DOM, for a page the
    /// gating changes (<see cref="PageEdits"/>) and serializes again.</summary>
    /// <remarks>From a read-only view of the text: AngleSharp parses a string with scripting on from a source that
    /// document.write could insert into (a StringBuilder read a character at a time); nothing here runs scripts, and
    /// the read-only source makes a parse about a quarter cheaper.</remarks>
    public static IHtmlDocument ParseDom(string html, bool lines = true) => (lines ? DomParser : FastDomParser).Value!.ParseDocument(html.AsMemory());

    /// <summary>Link relations that only describe or navigate: a browser does not fetch their href.</summary>
    private static readonly HashSet<string> NavigationRels =
    [
        "alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next", "nofollow", "noopener",
        "noreferrer", "opener", "prev", "privacy-policy", "search", "shortlink", "tag", "terms-of-service", "pingback", "webmention",
    ];

    /// <summary>Attributes a browser fetches by itself, on any element (src on an unknown element counts too).</summary>
    private static readonly HashSet<string> FetchAttributes =
    [
        "src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "archive", "classid",
        "manifest", "icon", "ping", "attributionsrc",
    ];

    /// <summary>Attributes with a URL a browser never fetches by itself.</summary>
    private static readonly HashSet<string> InertUrlAttributes = ["cite", "longdesc", "itemtype", "itemid", "usemap", "profile"];

    /// <summary>Attributes whose text may look like an address without being one a browser uses.</summary>
    private static readonly HashSet<string> TextAttributes =
    [
        "title", "alt", "placeholder", "value", "label", "summary", "abbr", "content", "name", "property", "itemprop", "id",
        "class", "rel", "rev", "type", "lang", "hreflang", "media", "sizes", "integrity", "nonce", "download", "target",
        "datetime", "xmlns", "for", "form", "headers", "role", "accept", "pattern",
    ];

    private readonly Url _base;
    private readonly string _siteHost;
    private readonly List<Reference> _references = [];
    private readonly List<InlineScript> _scripts = [];
    private readonly List<InlineStyle> _styles = [];
    private readonly List<CodeAttribute> _codeAttributes = [];
    private readonly List<ReadingProblem> _problems = [];
    private readonly List<LightElement> _elements = new(256); // a page of the site has about 160
    private readonly bool _lines;

    private DocumentReader(Url baseUrl, string siteHost, bool lines) => (_base, _siteHost, _lines) = (baseUrl, siteHost, lines);

    /// <summary>Reads <paramref name="document"/>, published at <paramref name="address"/> on the site with host <paramref name="siteHost"/>.</summary>
    /// <param name="lines">false for a document parsed without lines (<see cref="Parse"/>): every line is 0 then, not looked up.</param>
    public static DocumentReading Read(LightDocument document, Url address, string siteHost, bool lines = true)
    {
        // The document's base URL: the first <base href> in tree order (as document.querySelector("base[href]")).
        var baseElement = document.MayHaveBase ? document.Descendants().FirstOrDefault(e => e.LocalName == "base" && e.HasAttribute("href")) : null;
        var baseUrl = baseElement is null ? address : new Url(address, baseElement.GetAttribute("href")!);
        if (baseUrl.IsInvalid) baseUrl = address;
        var reader = new DocumentReader(baseUrl, siteHost, lines);
        reader.WalkDocument(document, ReadContext.Document, null, 0, 0, "<table", 0,
            "an element a browser moves out of a <table> (or table parts directly inside a <template>): " +
            "the build reads such markup only as AngleSharp's own DOM repairs it, which can differ from a browser");
        return new DocumentReading(reader._references, reader._scripts, reader._styles, reader._codeAttributes, reader._problems)
        {
            Elements = reader._elements,
        };
    }

    /// <summary>Reads every element of a parsed <paramref name="document"/>: the root element, and what the builder put
    /// after it (an element foster-parented where no table is). A tree AngleSharp's DOM had to repair is reported.</summary>
    private void WalkDocument(LightDocument document, ReadContext context, LightElement? owner, int lineOffset, int nesting, string snippet, int line, string repaired)
    {
        foreach (var child in document.Children)
            if (child is LightElement element) Walk(element, context, owner, lineOffset, nesting);
        if (document.Repaired) _problems.Add(new ReadingProblem(repaired, snippet, line, "put the element inside a cell (<td>) or outside the table"));
    }

    /// <summary>Reads <paramref name="root"/> and every element below it, in tree order. A template's contents are not
    /// below it in the live document: they are read as the template's (<see cref="ReadElement"/>).</summary>
    private void Walk(LightElement root, ReadContext context, LightElement? owner, int lineOffset, int nesting)
    {
        Visit(root);
        foreach (var element in root.Descendants()) Visit(element);

        void Visit(LightElement element)
        {
            if (context == ReadContext.Document) _elements.Add(element);
            ReadElement(element, context, owner ?? element, lineOffset, nesting);
        }
    }

    private void ReadElement(LightElement element, ReadContext context, LightElement owner, int lineOffset, int nesting)
    {
        // noscript text and srcdoc documents are parsed here, with lines, whatever the page was parsed with
        var line = (_lines || context is ReadContext.NoScript or ReadContext.NestedDocument ? LineOf(element) : 0) + lineOffset;
        var html = element.IsHtml;
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++) ReadAttribute(element, attributes[i], context, owner, line);

        if (element.LocalName == "script") ReadScript(element, context, owner, line);
        else if (element.LocalName == "style") ReadStyle(element, context, owner, line);
        else if (element is LightTemplateElement template)
        {
            // A browser attaches a declarative shadow root to the template's parent as it parses: what it holds is live,
            // but outside the document, where the gating cannot reach it. Read as template contents, and refused.
            if (template.HasAttribute("shadowrootmode"))
                _problems.Add(new ReadingProblem("a declarative shadow root (<template shadowrootmode>), whose content a browser loads and runs outside the document the build gates",
                    "shadowrootmode", line, "put its elements in the page itself"));
            foreach (var content in template.Children)
                if (content is LightElement nested) Walk(nested, ReadContext.Template, context == ReadContext.Document ? element : owner, lineOffset, nesting);
        }
        else if (html && element.LocalName == "noscript" && element.ChildElementCount == 0 && element.TextContent.Contains('<'))
        {
            // A browser with scripting off, and any reader of the markup, sees this text as elements. Parsed with
            // scripting off as the body of a page with content before it (the doctype keeps it out of quirks mode,
            // <wbr> makes a <frameset> in it ignored, as it is in a page with content): <html> and <body> attributes in
            // it are read too.
            var text = NoScriptPrefix + element.TextContent;
            var markup = Faithful(NoScriptParser.Value!.Parse(text), () => NoScriptDomParser.Value!.ParseDocument(text));
            WalkDocument(markup, ReadContext.NoScript, context == ReadContext.Document ? element : owner, line - 1, nesting, "<noscript", line,
                "markup in a <noscript> that a browser moves out of a <table>: the build cannot read it as a browser would");
        }
        if (html && element.LocalName is "iframe" or "frame" && element.GetAttribute("srcdoc") is { } srcdoc)
        {
            if (nesting >= MaxNesting)
            {
                _problems.Add(new ReadingProblem($"srcdoc nested more than {MaxNesting} deep", "srcdoc", line, "simplify the markup"));
                return;
            }
            WalkDocument(Parse(srcdoc), ReadContext.NestedDocument, context == ReadContext.Document ? element : owner, line - 1, nesting + 1, "srcdoc", line,
                "markup in an iframe's srcdoc that a browser moves out of a <table>: the build cannot read it as a browser would");
        }
    }

    private void ReadAttribute(LightElement element, LightAttribute attribute, ReadContext context, LightElement owner, int line)
    {
        var name = attribute.LocalName.ToLowerInvariant();
        var value = attribute.Value;
        if (name.StartsWith("data-", StringComparison.Ordinal) || name == "srcdoc" || attribute.Name.StartsWith("xmlns", StringComparison.OrdinalIgnoreCase)) return;
        if (name.StartsWith("on", StringComparison.Ordinal) && name.Length > 2)
        {
            _codeAttributes.Add(new CodeAttribute(element, attribute.Name, value, context, line));
            return;
        }
        if (name == "style")
        {
            _codeAttributes.Add(new CodeAttribute(element, attribute.Name, value, context, line));
            foreach (var url in CssReader.Urls(value)) Add(element, owner, "style", url.Url, ReferenceUse.Fetch, context, line);
            return;
        }
        if (UseOf(element, name) is { } use)
        {
            if (UrlsIn(name, value) is not { } urls) Add(element, owner, attribute.Name, value, use, context, line);
            else foreach (var url in urls) Add(element, owner, attribute.Name, url, use, context, line);
            return;
        }
        if (element.NamespaceUri == NamespaceNames.SvgUri && value.Contains("url(", StringComparison.OrdinalIgnoreCase))
        {
            // Presentation attributes (fill, filter, mask, clip-path, marker-*…) hold CSS values.
            foreach (var url in CssReader.Urls(value)) Add(element, owner, attribute.Name, url.Url, ReferenceUse.Fetch, context, line);
            return;
        }
        if (!TextAttributes.Contains(name) && !name.StartsWith("aria-", StringComparison.Ordinal) && !name.StartsWith("xmlns", StringComparison.Ordinal)
            && LooksLikeNetworkAddress(value))
            Add(element, owner, attribute.Name, value, ReferenceUse.Unclassified, context, line);
    }

    /// <summary>How the browser uses a URL attribute of this element; null when the attribute holds no URL.</summary>
    private static ReferenceUse? UseOf(LightElement element, string name)
    {
        var ns = element.NamespaceUri;
        var tag = element.LocalName;
        if (FetchAttributes.Contains(name)) return ReferenceUse.Fetch;
        if (InertUrlAttributes.Contains(name)) return ReferenceUse.Navigate;
        if (name is "action" or "formaction") return ReferenceUse.FormTarget;
        if (name == "content")
            return ns == NamespaceNames.HtmlUri && tag == "meta" && string.Equals(element.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase)
                ? ReferenceUse.Fetch : null;
        if (name is "to" or "from" or "by" or "values")
            return ns == NamespaceNames.SvgUri && element.GetAttribute("attributeName") is { } animated
                   && animated.Split(':')[^1].Equals("href", StringComparison.OrdinalIgnoreCase) ? ReferenceUse.Fetch : null;
        if (name != "href") return null;
        if (ns == NamespaceNames.MathMlUri) return ReferenceUse.Navigate;
        if (ns == NamespaceNames.SvgUri) return tag == "a" ? ReferenceUse.Navigate : ReferenceUse.Fetch;
        return tag switch
        {
            "a" or "area" => ReferenceUse.Navigate,
            "base" => ReferenceUse.Base,
            "link" => (element.GetAttribute("rel") ?? "").ToLowerInvariant().Split(SpaceCharacters, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } rels
                      && rels.All(NavigationRels.Contains) ? ReferenceUse.Navigate : ReferenceUse.Fetch,
            _ => ReferenceUse.Fetch,
        };
    }

    private static readonly char[] SpaceCharacters = [' ', '\t', '\n', '\f', '\r'];

    /// <summary>The URLs in an attribute value that holds a list (srcset, ping, SMIL values, meta refresh); null for
    /// an attribute whose whole value is one URL.</summary>
    private static IEnumerable<string>? UrlsIn(string name, string value)
    {
        switch (name)
        {
            case "srcset" or "imagesrcset":
                return AngleSharp.Html.SourceSet.Parse(value).Select(c => c.Url ?? "").Where(u => u.Length > 0);
            case "ping" or "archive":
                return value.Split(SpaceCharacters, StringSplitOptions.RemoveEmptyEntries);
            case "values":
                return value.Split(';').Select(v => v.Trim()).Where(v => v.Length > 0);
            case "content":
                return RefreshUrl(value) is { } refresh ? [refresh] : [];
            default:
                return null;
        }
    }

    /// <summary>The URL of a meta refresh's content ("5; url=…"), by the HTML standard's steps; null when it only reloads.</summary>
    private static string? RefreshUrl(string content)
    {
        var match = RefreshPattern().Match(content);
        if (!match.Success) return null;
        var url = match.Groups[1].Value.Trim(SpaceCharacters);
        if (url.Length > 0 && url[0] is '"' or '\'')
        {
            var end = url.IndexOf(url[0], 1);
            url = end < 0 ? url[1..] : url[1..end];
        }
        return url.Length == 0 ? null : url;
    }

    [GeneratedRegex(@"^[\s]*[0-9.]*[^;,]*?[;,\s]+(?:url\s*=\s*)?(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RefreshPattern();

    private void ReadScript(LightElement element, ReadContext context, LightElement owner, int line)
    {
        var kind = ScriptKinds.Of(element);
        var external = element.NamespaceUri == NamespaceNames.SvgUri ? element.HasAttribute("href") || element.HasAttribute("xlink:href") : element.HasAttribute("src");
        if (external) return; // its src or href is a reference already
        var text = element.TextContent;
        _scripts.Add(new InlineScript(element, owner, text, kind, context, line));
        if (kind is ScriptKind.ImportMap or ScriptKind.SpeculationRules) ReadJsonUrls(element, owner, text, kind, context, line);
    }

    /// <summary>Import maps and speculation rules are JSON whose strings are URLs the browser may fetch.</summary>
    private void ReadJsonUrls(LightElement element, LightElement owner, string text, ScriptKind kind, ReadContext context, int line)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            Add(element, owner, "(script text)", "(not valid JSON)", ReferenceUse.Unclassified, context, line);
            return;
        }
        using (json)
            foreach (var (key, value) in Strings(json.RootElement, null))
            {
                // Document rules pick links of the page by pattern or selector: which hosts they reach cannot be read.
                if (kind == ScriptKind.SpeculationRules && key is "where" or "href_matches" or "selector_matches")
                    Add(element, owner, "(speculation rule)", key, ReferenceUse.Unclassified, context, line);
                else if (value is not null) Add(element, owner, kind == ScriptKind.ImportMap ? "(import map)" : "(speculation rule)", value, ReferenceUse.Fetch, context, line);
            }
    }

    /// <summary>Every property name (with null) and string value (with its property) in a JSON value; import map scope keys are URLs too.</summary>
    private static IEnumerable<(string? Key, string? Text)> Strings(JsonElement value, string? key)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                yield return (key, value.GetString());
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    foreach (var s in Strings(item, key)) yield return s;
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    yield return (property.Name, null);
                    if (key == "scopes") yield return (property.Name, property.Name);
                    foreach (var s in Strings(property.Value, property.Name)) yield return s;
                }
                break;
        }
    }

    private void ReadStyle(LightElement element, ReadContext context, LightElement owner, int line)
    {
        var text = element.TextContent;
        _styles.Add(new InlineStyle(element, text, context, line));
        foreach (var url in CssReader.Urls(text)) Add(element, owner, "(style sheet)", url.Url, ReferenceUse.Fetch, context, line + url.Line - 1);
    }

    private void Add(LightElement element, LightElement owner, string attribute, string url, ReferenceUse use, ReadContext context, int line) =>
        _references.Add(new Reference(element, owner, attribute, WebAddress.Resolve(url, _base, _siteHost), use, context, line));

    /// <summary>Whether text names another computer over the network: an http(s), ws(s) or ftp URL, or a scheme-relative one.</summary>
    private bool LooksLikeNetworkAddress(string value)
    {
        var trimmed = value.Trim().Replace("\t", "").Replace("\n", "").Replace("\r", "");
        if (trimmed.Length < 3) return false;
        var schemeRelative = trimmed[0] is '/' or '\\' && trimmed[1] is '/' or '\\';
        var withScheme = SchemePattern().IsMatch(trimmed);
        return (schemeRelative || withScheme) && WebAddress.Resolve(trimmed, _base, _siteHost).Kind == AddressKind.ThirdParty;
    }

    [GeneratedRegex(@"^(?:https?|wss?|ftp):", RegexOptions.IgnoreCase)]
    private static partial Regex SchemePattern();

    /// <summary>The element's line in the source; elements the parser made up (svg, math) take their parent's.</summary>
    private static int LineOf(LightElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (e.SourceReference?.Position.Line is > 0 and var line) return line;
        return 0;
    }
}
