using AngleSharp.Common;
using AngleSharp.Dom;
using AngleSharp.Html.Construction;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Express.Site.Reading.Light;

/// <summary>An attribute as the DOM has it: its qualified name, local name, namespace (xlink:, xml:, xmlns: on foreign elements) and value.</summary>
public readonly record struct LightAttribute(string Name, string LocalName, string? NamespaceUri, string Value)
{
    /// <summary>An attribute without namespace, as the tokenizer gives them.</summary>
    public LightAttribute(string name, string value) : this(name, name, null, value) { }

    /// <summary>For the builder's "Noah's Ark" comparison, the only place it reads an attribute object.</summary>
    internal sealed class Boxed(LightAttribute attribute) : IConstructableAttr
    {
        public StringOrMemory Name => attribute.Name;

        public StringOrMemory Value
        {
            get => attribute.Value;
            set => throw new NotSupportedException("the builder does not change attributes through this");
        }
    }
}

/// <summary>
/// An element of a <see cref="LightDocument"/>: its name, namespace and the flags AngleSharp's own element of that
/// name has (the tree builder decides scopes and special elements by them), its attributes and its line.
/// </summary>
public class LightElement : LightNode, IConstructableElement, IConstructableNamedNodeMap
{
    private static readonly LightAttribute[] NoAttributes = [];
    private LightAttribute[] _attributes = NoAttributes;
    private readonly NodeFlags _flags;

    internal LightElement(string localName, string namespaceUri, NodeFlags flags, string? prefix = null)
    {
        LocalName = localName;
        NamespaceUri = namespaceUri;
        Prefix = prefix;
        _flags = flags;
    }

    public string LocalName { get; }

    public string NamespaceUri { get; }

    public string? Prefix { get; }

    public override NodeFlags Flags => _flags;

    public override StringOrMemory NodeName => LocalName;

    public IReadOnlyList<LightAttribute> Attributes => _attributes;

    /// <summary>Where the start tag is in the source; null for elements the parser made up or parsed without lines.</summary>
    public ISourceReference? SourceReference { get; set; }

    /// <summary>The parent when it is an element (not the document).</summary>
    public LightElement? ParentElement => Parent as LightElement;

    public bool IsHtml => ReferenceEquals(NamespaceUri, NamespaceNames.HtmlUri) || NamespaceUri == NamespaceNames.HtmlUri;

    public string? Id => GetAttribute("id");

    /// <summary>The value of the attribute with this qualified name, as the DOM's getAttribute (which lowers the name for an HTML element).</summary>
    public string? GetAttribute(string name)
    {
        var index = Find(IsHtml ? name.ToLowerInvariant() : name);
        return index < 0 ? null : _attributes[index].Value;
    }

    /// <summary>The value of the attribute with this namespace (null: none) and local name, as getAttributeNS.</summary>
    public string? GetAttribute(string? namespaceUri, string localName)
    {
        foreach (var attribute in _attributes)
            if (attribute.LocalName == localName && attribute.NamespaceUri == namespaceUri) return attribute.Value;
        return null;
    }

    public bool HasAttribute(string name) => Find(IsHtml ? name.ToLowerInvariant() : name) >= 0;

    /// <summary>How many children are elements.</summary>
    public int ChildElementCount => Children.Count(child => child is LightElement);

    private int Find(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < _attributes.Length; i++)
            if (name.SequenceEqual(_attributes[i].Name)) return i;
        return -1;
    }

    public override string ToString() => LocalName;

    // The construction interface, as AngleSharp's Element implements it.
    StringOrMemory IConstructableElement.NamespaceUri => NamespaceUri;

    StringOrMemory IConstructableElement.LocalName => LocalName;

    StringOrMemory IConstructableElement.Prefix => Prefix ?? StringOrMemory.Empty;

    IConstructableNamedNodeMap IConstructableElement.Attributes => this;

    void IConstructableElement.SetAttribute(string? namespaceUri, StringOrMemory name, StringOrMemory value)
    {
        // The builder adjusts a foreign element's xlink:, xml: and xmlns: attributes by the standard's table, but passes
        // xlink: ones without their prefix (AngleSharp's DOM then names xlink:type "type"). A browser's attribute is
        // xlink:type, with prefix, local name and namespace, apart from any type or href: so it is here.
        var qualified = name.ToString();
        var colon = namespaceUri is null ? -1 : qualified.IndexOf(':');
        var local = colon < 0 ? qualified : qualified[(colon + 1)..];
        if (colon < 0 && namespaceUri == NamespaceNames.XLinkUri) qualified = "xlink:" + local;
        Set(new LightAttribute(qualified, local, namespaceUri, value.ToString()));
    }

    void IConstructableElement.SetOwnAttribute(StringOrMemory name, StringOrMemory value) => Set(new LightAttribute(name.ToString(), value.ToString()));

    StringOrMemory IConstructableElement.GetAttribute(StringOrMemory namespaceUri, StringOrMemory localName) =>
        GetAttribute(namespaceUri.IsNullOrEmpty ? null : namespaceUri.ToString(), localName.ToString()) ?? StringOrMemory.Empty;

    void IConstructableElement.SetAttributes(StructAttributes tagAttributes)
    {
        if (tagAttributes.Count == 0) return;
        var start = _attributes.Length;
        Array.Resize(ref _attributes, start + tagAttributes.Count);
        for (var i = 0; i < tagAttributes.Count; i++)
        {
            var attribute = tagAttributes[i];
            // Names the tokenizer knows come as shared strings; ToString() copies only the others.
            _attributes[start + i] = new LightAttribute(attribute.Name.ToString(), attribute.Value.ToString());
        }
    }

    bool IConstructableElement.HasAttribute(StringOrMemory name) => Find(name.Memory.Span) >= 0;

    void IConstructableElement.SetupElement() { }

    void IConstructableElement.AddComment(ref StructHtmlToken token) { } // not read

    /// <summary>A copy without children, for the formatting elements the builder reopens (as Element.Clone(deep: false)).</summary>
    IConstructableNode IConstructableElement.ShallowCopy()
    {
        var copy = CopyShell();
        copy._attributes = _attributes.Length == 0 ? NoAttributes : (LightAttribute[])_attributes.Clone();
        return copy;
    }

    private protected virtual LightElement CopyShell() => new(LocalName, NamespaceUri, _flags, Prefix);

    /// <summary>The attributes of an element of AngleSharp's DOM (<see cref="LightDocument.From"/>).</summary>
    internal void CopyAttributes(INamedNodeMap attributes) =>
        _attributes = [.. attributes.Select(a => new LightAttribute(
            a.NamespaceUri == NamespaceNames.XLinkUri && a.Prefix is null ? "xlink:" + a.LocalName : a.Name, a.LocalName, a.NamespaceUri, a.Value))];

    /// <summary>Gives a template the shadowrootmode attribute it was written with (<see cref="LightDocument.From"/>).</summary>
    internal void SetShadowRootMode(string mode) => _attributes = [new LightAttribute("shadowrootmode", mode)];

    /// <summary>Replaces the value of the attribute with the same namespace and local name, or adds it.</summary>
    private void Set(LightAttribute attribute)
    {
        for (var i = 0; i < _attributes.Length; i++)
            if (_attributes[i].LocalName == attribute.LocalName && _attributes[i].NamespaceUri == attribute.NamespaceUri)
            {
                _attributes[i] = _attributes[i] with { Value = attribute.Value };
                return;
            }
        _attributes = [.. _attributes, attribute];
    }

    // The attributes as the builder reads them.
    IConstructableAttr? IConstructableNamedNodeMap.this[StringOrMemory name] =>
        Find(name.Memory.Span) is >= 0 and var i ? new LightAttribute.Boxed(_attributes[i]) : null;

    int IConstructableNamedNodeMap.Length => _attributes.Length;

    /// <summary>As NamedNodeMap.SameAs: the same names with the same values (the "Noah's Ark" clause).</summary>
    bool IConstructableNamedNodeMap.SameAs(IConstructableNamedNodeMap? attributes)
    {
        if (attributes is null || attributes.Length != _attributes.Length) return false;
        foreach (var attribute in _attributes)
            if (attributes[attribute.Name] is not { } other || !other.Value.Memory.Span.SequenceEqual(attribute.Value)) return false;
        return true;
    }
}

/// <summary>&lt;template&gt;: its contents stay its children here (the DOM moves them to a fragment, template.content,
/// when the element closes); the reader reads them as the template's contents.</summary>
public sealed class LightTemplateElement(NodeFlags flags) : LightElement("template", NamespaceNames.HtmlUri, flags), IConstructableTemplateElement
{
    /// <summary>Whether the builder closed it as a template (see <see cref="LightDocument.IsFaithful"/>).</summary>
    internal bool Closed { get; private set; }

    void IConstructableTemplateElement.PopulateFragment() => Closed = true;

    private protected override LightElement CopyShell() => new LightTemplateElement(Flags);
}

/// <summary>&lt;script&gt;: never run.</summary>
public sealed class LightScriptElement(NodeFlags flags) : LightElement("script", NamespaceNames.HtmlUri, flags), IConstructableScriptElement
{
    Task IConstructableScriptElement.RunAsync(CancellationToken cancel) => Task.CompletedTask;

    bool IConstructableScriptElement.Prepare(IConstructableDocument document) => false;

    private protected override LightElement CopyShell() => new LightScriptElement(Flags);
}

/// <summary>&lt;meta&gt;: its charset changes nothing, the text is already decoded.</summary>
public sealed class LightMetaElement(NodeFlags flags) : LightElement("meta", NamespaceNames.HtmlUri, flags), IConstructableMetaElement
{
    void IConstructableMetaElement.Handle() { }

    private protected override LightElement CopyShell() => new LightMetaElement(Flags);
}

public sealed class LightFrameElement(NodeFlags flags) : LightElement("frame", NamespaceNames.HtmlUri, flags), IConstructableFrameElement
{
    private protected override LightElement CopyShell() => new LightFrameElement(Flags);
}

public sealed class LightFormElement(NodeFlags flags) : LightElement("form", NamespaceNames.HtmlUri, flags), IConstructableFormElement
{
    private protected override LightElement CopyShell() => new LightFormElement(Flags);
}

public sealed class LightSvgElement(string localName, NodeFlags flags) : LightElement(localName, NamespaceNames.SvgUri, flags), IConstructableSvgElement
{
    private protected override LightElement CopyShell() => new LightSvgElement(LocalName, Flags);
}

public sealed class LightMathElement(string localName, NodeFlags flags) : LightElement(localName, NamespaceNames.MathMlUri, flags), IConstructableMathElement
{
    private protected override LightElement CopyShell() => new LightMathElement(LocalName, Flags);
}
