using AngleSharp.Common;
using AngleSharp.Dom;
using AngleSharp.Html.Construction;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;

namespace Express.Site.Reading.Light;

/// <summary>
/// A document as AngleSharp's HTML parser builds it, with nodes that keep only what <see cref="DocumentReader"/>
/// reads. The tokenizer and the tree builder are AngleSharp's, the same code that builds its full DOM, so the tree is
/// the same tree (tests compare them node by node); what is left out is what a full DOM carries for scripts and
/// styles, events, live collections, serialization, and the text of comments and of ordinary elements. It is built in
/// about three quarters of the time and a third of the memory of AngleSharp's DOM. The consent gating, which changes a
/// page, makes its changes in AngleSharp's DOM (PageEdits).
/// </summary>
/// <remarks>
/// AngleSharp's builder asks for two of its own classes in three places (HtmlTableElement and HtmlTemplateElement):
/// where it foster-parents an element misplaced in a table, and where it clears the stack back to a table context
/// inside a template. With other nodes those steps go wrong, and the document knows it (<see cref="IsFaithful"/>);
/// <see cref="DocumentReader.Parse(string, bool)"/> then takes the tree from AngleSharp's DOM instead (<see cref="From"/>),
/// marked <see cref="Repaired"/>, and the reader reports it.
/// </remarks>
public sealed class LightDocument : LightNode, IConstructableDocument
{
    internal LightDocument(TextSource? source) => Source = source!;

    /// <summary>Set when the builder added an element after the root element: foster parenting, which it gets wrong here.</summary>
    internal bool FosteredToDocument { get; set; }

    /// <summary>Whether it may hold a &lt;base&gt; element (the builder made one, or the tree was copied).</summary>
    public bool MayHaveBase { get; internal set; }

    /// <summary>The templates the builder made; each must have been closed as a template.</summary>
    internal List<LightTemplateElement> Templates { get; } = [];

    /// <summary>Whether this is the tree AngleSharp's DOM would have (see the remarks).</summary>
    public bool IsFaithful { get; private set; } = true;

    /// <summary>Whether the tree was copied from AngleSharp's DOM because the light parse went wrong: the reader
    /// reports it, since AngleSharp's repair of such markup is not always a browser's (an SVG element's href and
    /// xlink:href are one attribute in AngleSharp's DOM).</summary>
    public bool Repaired { get; private init; }

    public TextSource Source { get; private set; }

    public override StringOrMemory NodeName => "#document";

    public QuirksMode QuirksMode { get; set; }

    /// <summary>The root element (&lt;html&gt;).</summary>
    public LightElement? DocumentElement => Children.OfType<LightElement>().FirstOrDefault();

    public LightElement? Head => DocumentElement?.Children.OfType<LightElement>().FirstOrDefault(e => e.LocalName == "head" && e.IsHtml);

    IConstructableElement IConstructableDocument.DocumentElement => DocumentElement!;

    IConstructableElement? IConstructableDocument.Head => Head;

    /// <summary>The tree builder, set by itself; disposed once it is done (<see cref="Parse"/>).</summary>
    IDisposable? IConstructableDocument.Builder { get; set; }

    /// <summary>Gives the builder's buffers back to their pools: its tokenizer's character buffer is as long as the page,
    /// and the next parse takes it instead of a new one (AngleSharp's own document does this when it is disposed).</summary>
    internal void ReleaseBuilder()
    {
        var self = (IConstructableDocument)this;
        self.Builder?.Dispose();
        self.Builder = null;
    }

    bool IConstructableDocument.IsLoading => false;

    void IConstructableDocument.PerformMicrotaskCheckpoint() { }

    void IConstructableDocument.ProvideStableState() { }

    void IConstructableDocument.AddComment(ref StructHtmlToken token) { } // not read

    void IConstructableDocument.TrackError(Exception exception) { }

    Task IConstructableDocument.WaitForReadyAsync(CancellationToken cancelToken) => Task.CompletedTask;

    Task IConstructableDocument.FinishLoadingAsync() => Task.CompletedTask;

    void IConstructableDocument.ApplyManifest() { }

    void IConstructableDocument.Clear()
    {
        var self = (IConstructableNode)this;
        while (Children.Count > 0) self.RemoveNode(0, (IConstructableNode)Children[0]);
    }

    /// <summary>Called by <see cref="LightParser"/> once the builder is done: whether the tree is faithful.</summary>
    internal void Finish()
    {
        Source = null!; // the text may be a buffer the parser uses again: nothing in the tree refers to it
        // A template the builder popped without closing it as a template was cleared past (see the remarks).
        IsFaithful = !FosteredToDocument && Templates.TrueForAll(t => t.Closed);
        Templates.Clear();
    }

    /// <summary>A document whose parse failed: clearing the stack back to a table context inside a template pops
    /// past the root element here.</summary>
    internal static LightDocument Failed() => new(null) { IsFaithful = false };

    /// <summary>The tree of AngleSharp's <paramref name="dom"/>, as light nodes: a template's contents become its
    /// children; a declarative shadow root (which AngleSharp attaches to its host, the template gone) becomes the
    /// host's first child again, as the &lt;template shadowrootmode&gt; it was written as.</summary>
    /// <param name="repaired">whether it stands in for a light parse that went wrong (<see cref="Repaired"/>).</param>
    public static LightDocument From(IDocument dom, bool repaired = false)
    {
        var document = new LightDocument(null) { Repaired = repaired, MayHaveBase = true };
        var stack = new Stack<(INode From, LightNode To)>();
        stack.Push((dom, document));
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            IEnumerable<INode> children = from is IHtmlTemplateElement template ? template.Content.ChildNodes : from.ChildNodes;
            if (from is IElement { ShadowRoot: { } shadow })
            {
                var host = new LightTemplateElement(((IConstructableNode)dom.CreateElement("template")).Flags);
                host.SetShadowRootMode(shadow.Mode == ShadowRootMode.Closed ? "closed" : "open");
                to.Add(host);
                stack.Push((shadow, host));
            }
            foreach (var child in children)
            {
                LightNode copy = child switch
                {
                    IHtmlTemplateElement => new LightTemplateElement(((IConstructableNode)child).Flags),
                    IElement element => new LightElement(element.LocalName, element.NamespaceUri ?? "", ((IConstructableNode)child).Flags, element.Prefix),
                    IText text => new LightText(text.Data),
                    IDocumentType type => new LightDocumentType(type.Name),
                    _ => new LightComment(),
                };
                if (child is IElement e && copy is LightElement light)
                {
                    light.SourceReference = e.SourceReference;
                    light.CopyAttributes(e.Attributes);
                }
                to.Add(copy);
                stack.Push((child, copy));
            }
        }
        return document;
    }
}
