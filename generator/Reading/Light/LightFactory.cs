using AngleSharp;
using AngleSharp.Common;
using AngleSharp.Dom;
using AngleSharp.Html.Construction;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Mathml.Dom;
using AngleSharp.Svg.Dom;
using AngleSharp.Text;

namespace Express.Site.Reading.Light;

/// <summary>
/// Makes the nodes of a <see cref="LightDocument"/> for AngleSharp's tree builder. The builder decides scopes, special
/// elements and integration points by each element's <see cref="NodeFlags"/>, so every element gets the flags
/// AngleSharp's own element of that namespace and name has: they are taken from an element AngleSharp's element
/// factories make, once per name. One factory serves one parser, on one thread.
/// </summary>
internal sealed class LightFactory : IDomConstructionElementFactory<LightDocument, LightElement>
{
    /// <summary>Names remembered per namespace; past this, an unusual name's flags are looked up each time.</summary>
    private const int MaxNamesKept = 1024;

    private readonly Dictionary<string, (string Name, NodeFlags Flags)> _html = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, NodeFlags Flags)> _svg = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, NodeFlags Flags)> _math = new(StringComparer.Ordinal);
    private readonly Lazy<FullElements> _full = new(() => new FullElements());

    public LightElement Create(LightDocument document, StringOrMemory localName, StringOrMemory prefix = default, NodeFlags flags = NodeFlags.None)
    {
        var (name, own) = Known(_html, localName, NamespaceNames.HtmlUri);
        return Noted(document, new LightElement(name, NamespaceNames.HtmlUri, own | flags, prefix.IsNullOrEmpty ? null : prefix.ToString()));
    }

    public LightElement CreateNoScript(LightDocument document, bool scripting) =>
        new("noscript", NamespaceNames.HtmlUri, _full.Value.NoScriptFlags(scripting));

    public IConstructableNode CreateDocumentType(LightDocument document, StringOrMemory name, StringOrMemory publicIdentifier, StringOrMemory systemIdentifier) =>
        new LightDocumentType(name.ToString());

    public IConstructableMathElement CreateMath(LightDocument document, StringOrMemory name = default)
    {
        var (known, flags) = Known(_math, name, NamespaceNames.MathMlUri);
        return Noted(document, new LightMathElement(known, flags));
    }

    public IConstructableSvgElement CreateSvg(LightDocument document, StringOrMemory name = default)
    {
        var (known, flags) = Known(_svg, name, NamespaceNames.SvgUri);
        return Noted(document, new LightSvgElement(known, flags));
    }

    public IConstructableMetaElement CreateMeta(LightDocument document) => new LightMetaElement(Known(_html, "meta", NamespaceNames.HtmlUri).Flags);

    public IConstructableScriptElement CreateScript(LightDocument document, bool parserInserted, bool started) =>
        new LightScriptElement(Known(_html, "script", NamespaceNames.HtmlUri).Flags);

    public IConstructableFrameElement CreateFrame(LightDocument document) => new LightFrameElement(Known(_html, "frame", NamespaceNames.HtmlUri).Flags);

    public IConstructableTemplateElement CreateTemplate(LightDocument document)
    {
        var template = new LightTemplateElement(Known(_html, "template", NamespaceNames.HtmlUri).Flags);
        document.Templates.Add(template);
        return template;
    }

    public IConstructableFormElement CreateForm(LightDocument document) => new LightFormElement(Known(_html, "form", NamespaceNames.HtmlUri).Flags);

    /// <summary>An element whose name the builder does not know in this place (as HtmlUnknownElement).</summary>
    public LightElement CreateUnknown(LightDocument document, StringOrMemory tagName) =>
        Noted(document, new LightElement(tagName.ToString(), NamespaceNames.HtmlUri, _full.Value.UnknownFlags));

    /// <summary>Notes on the document an element named base, in any namespace (as querySelector("base[href]") finds
    /// it): the reader looks for one before it reads, and only in a document that may have one.</summary>
    private static T Noted<T>(LightDocument document, T element) where T : LightElement
    {
        if (element.LocalName == "base") document.MayHaveBase = true;
        return element;
    }

    public LightDocument CreateDocument(TextSource source, IBrowsingContext? context = null) => Made = new(source);

    /// <summary>The document this factory made last: the one being parsed (<see cref="LightParser"/> clears it).</summary>
    public LightDocument? Made { get; set; }

    /// <summary>The name as one shared string, and the flags of AngleSharp's element of that name.</summary>
    private (string Name, NodeFlags Flags) Known(Dictionary<string, (string, NodeFlags)> names, StringOrMemory localName, string namespaceUri)
    {
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(localName.Memory.Span, out var known)) return known;
        var name = localName.ToString();
        known = (name, _full.Value.FlagsOf(namespaceUri, name));
        if (names.Count < MaxNamesKept) names[name] = known;
        return known;
    }

    /// <summary>AngleSharp's own element factories, asked for the flags of an element once per name.</summary>
    private sealed class FullElements
    {
        private readonly Document _document;
        private readonly IElementFactory<Document, HtmlElement> _html;
        private readonly IElementFactory<Document, SvgElement> _svg;
        private readonly IElementFactory<Document, MathElement> _math;

        public FullElements()
        {
            var context = BrowsingContext.New(Configuration.Default);
            _document = (Document)new HtmlParser(new HtmlParserOptions(), context).ParseDocument("");
            _html = context.GetService<IElementFactory<Document, HtmlElement>>() ?? throw new InvalidOperationException("AngleSharp has no HTML element factory");
            _svg = context.GetService<IElementFactory<Document, SvgElement>>() ?? throw new InvalidOperationException("AngleSharp has no SVG element factory");
            _math = context.GetService<IElementFactory<Document, MathElement>>() ?? throw new InvalidOperationException("AngleSharp has no MathML element factory");
            UnknownFlags = FlagsOf(_html.Create(_document, "x-not-an-element")); // HtmlUnknownElement's
            _noScript = FlagsOf(_html.Create(_document, "noscript")) & ~NodeFlags.LiteralText;
        }

        private readonly NodeFlags _noScript;

        public NodeFlags UnknownFlags { get; }

        public NodeFlags FlagsOf(string namespaceUri, string name) =>
            namespaceUri == NamespaceNames.SvgUri ? FlagsOf(_svg.Create(_document, name))
            : namespaceUri == NamespaceNames.MathMlUri ? FlagsOf(_math.Create(_document, name))
            : FlagsOf(_html.Create(_document, name));

        /// <summary>As HtmlNoScriptElement: its text is literal (raw text, not markup) when scripting is on.</summary>
        public NodeFlags NoScriptFlags(bool scripting) => scripting ? _noScript | NodeFlags.LiteralText : _noScript;

        private static NodeFlags FlagsOf(IElement element) => ((IConstructableNode)element).Flags;
    }
}
