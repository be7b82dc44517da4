using AngleSharp.Common;
using AngleSharp.Dom;
using AngleSharp.Html.Construction;

namespace Express.Site.Reading.Light;

/// <summary>
/// A node of a <see cref="LightDocument"/>: AngleSharp's tree builder (the HTML standard's tree construction) builds
/// it through AngleSharp's construction interfaces, the same way it builds AngleSharp's full DOM, but it keeps only
/// what the reader needs: names, attributes, text and the tree. See <see cref="LightDocument"/>.
/// </summary>
public abstract class LightNode : IConstructableNode
{
    private static readonly LightNodeList NoChildren = new();
    private LightNodeList? _children;

    public LightNode? Parent { get; private set; }

    /// <summary>The child nodes in order (for a template, its contents).</summary>
    public IReadOnlyList<LightNode> Children => _children ?? NoChildren;

    public abstract StringOrMemory NodeName { get; }

    /// <summary>The elements below this node in tree order, as document.all lists a document's: a template's contents
    /// are not in the live document, so not below it. A stack, not recursion: nesting has no limit in HTML.</summary>
    public IEnumerable<LightElement> Descendants()
    {
        if (this is LightTemplateElement) yield break;
        var stack = new Stack<(IReadOnlyList<LightNode> Nodes, int Next)>();
        stack.Push((Children, 0));
        while (stack.Count > 0)
        {
            var (nodes, next) = stack.Pop();
            for (var i = next; i < nodes.Count; i++)
            {
                if (nodes[i] is not LightElement element) continue;
                yield return element;
                if (element.Children.Count > 0 && element is not LightTemplateElement)
                {
                    stack.Push((nodes, i + 1));
                    stack.Push((element.Children, 0));
                    break;
                }
            }
        }
    }

    public virtual NodeFlags Flags => NodeFlags.None;

    /// <summary>The text of every text node below this one, in tree order (the DOM's textContent).</summary>
    public string TextContent
    {
        get
        {
            if (_children is null) return "";
            if (_children.Count == 1 && _children[0] is LightText only) return only.Data;
            var text = new System.Text.StringBuilder();
            AppendTextTo(text);
            return text.ToString();
        }
    }

    private void AppendTextTo(System.Text.StringBuilder text)
    {
        if (_children is null) return;
        foreach (var child in _children)
            if (child is LightText t) text.Append(t.Data);
            else child.AppendTextTo(text);
    }

    IConstructableNode? IConstructableNode.Parent
    {
        get => Parent;
        set
        {
            // As AngleSharp's Node: the builder only ever sets a parent, it never clears one this way.
            if (value is not null) Parent = (LightNode)value;
        }
    }

    // Read-only for the builder (it changes children through the methods below): a node without children shares one empty list.
    IConstructableNodeList IConstructableNode.ChildNodes => _children ?? NoChildren;

    void IConstructableNode.RemoveFromParent() => Parent?.Remove(this);

    void IConstructableNode.RemoveChild(IConstructableNode childNode) => Remove((LightNode)childNode);

    void IConstructableNode.RemoveNode(int idx, IConstructableNode childNode)
    {
        ((LightNode)childNode).Parent = null;
        _children!.RemoveAt(idx);
    }

    void IConstructableNode.InsertNode(int idx, IConstructableNode childNode) => Insert(idx, (LightNode)childNode);

    void IConstructableNode.AddNode(IConstructableNode node)
    {
        // Only a misplaced element the builder meant to foster-parent ends up after the root element (LightDocument.IsFaithful).
        if (this is LightDocument { DocumentElement: not null } document && node is LightElement) document.FosteredToDocument = true;
        Add((LightNode)node);
    }

    // Text is kept where the reader reads it: inside script, style, noscript and SVG or MathML (whose script and style
    // take the text of their descendants); elsewhere it is dropped, as are comments. The builder finds the places it
    // inserts at by looking for a node in the list (a table, to foster-parent before it), so leaving nodes out keeps
    // every element where the DOM has it. Whitespace-only text is kept whatever the builder asks: AngleSharp's own DOM
    // keeps it (its builder passes emitWhiteSpaceOnly: true).
    void IConstructableNode.AppendText(StringOrMemory text, bool emitWhiteSpaceOnly)
    {
        if (_children is { Count: > 0 } && _children[^1] is LightText last) last.Append(text);
        else if (KeepsText) Add(new LightText(text.ToString()));
    }

    void IConstructableNode.InsertText(int idx, StringOrMemory text, bool emitWhiteSpaceOnly)
    {
        // As AngleSharp's Node.InsertText: into the text node before or at the index, else a new one.
        if (!KeepsText) return;
        var children = _children ??= new LightNodeList();
        if (idx > 0 && idx <= children.Count && children[idx - 1] is LightText before) before.Append(text);
        else if (idx >= 0 && idx < children.Count && children[idx] is LightText after) after.Prepend(text);
        else Insert(idx, new LightText(text.ToString()));
    }

    private enum TextKept : byte { Unknown, Yes, No }

    private TextKept _keepsText;

    /// <summary>Whether text added here can be part of what the reader reads (<see cref="LightText.Data"/>). Worked out
    /// once per node: the builder only ever moves a node to fewer such ancestors (the adoption agency, foster parenting
    /// and the depth limit move nodes up or into new formatting elements), so a node that keeps none never starts to.</summary>
    private bool KeepsText
    {
        get
        {
            if (_keepsText == TextKept.Unknown)
            {
                _keepsText = TextKept.No;
                for (var node = this; node is LightElement element; node = node.Parent)
                    if (!element.IsHtml || element.LocalName is "script" or "style" or "noscript") { _keepsText = TextKept.Yes; break; }
            }
            return _keepsText == TextKept.Yes;
        }
    }

    internal void Add(LightNode node)
    {
        node.Parent = this;
        (_children ??= new LightNodeList()).Add(node);
    }

    private void Insert(int index, LightNode node)
    {
        node.Parent = this;
        (_children ??= new LightNodeList()).Insert(index, node);
    }

    private void Remove(LightNode child)
    {
        if (_children is null) return;
        var index = _children.IndexOf(child);
        if (index < 0) return;
        _children.RemoveAt(index);
        child.Parent = null;
    }
}

/// <summary>The child list the tree builder reads and changes.</summary>
internal sealed class LightNodeList : List<LightNode>, IConstructableNodeList
{
    IConstructableNode IConstructableNodeList.this[int index] => this[index];

    int IConstructableNodeList.Length => Count;

    IEnumerator<IConstructableNode> IEnumerable<IConstructableNode>.GetEnumerator()
    {
        foreach (var node in this) yield return node;
    }
}

/// <summary>Text where the reader reads it (see <see cref="LightNode"/>): the builder appends to the last text node, so
/// a run of characters is one node, as in the DOM.</summary>
public sealed class LightText : LightNode
{
    private object _data; // a string, or a StringBuilder once appended to

    internal LightText(string data) => _data = data;

    public string Data => _data as string ?? (string)(_data = _data.ToString()!);

    public override StringOrMemory NodeName => "#text";

    internal void Append(StringOrMemory text)
    {
        if (_data is not System.Text.StringBuilder builder) _data = builder = new System.Text.StringBuilder((string)_data);
        builder.Append(text.Memory.Span);
    }

    internal void Prepend(StringOrMemory text) => _data = string.Concat(text.Memory.Span, Data);
}

/// <summary>A comment or processing instruction, in a tree copied from AngleSharp's DOM (<see cref="LightDocument.From"/>).</summary>
public sealed class LightComment : LightNode
{
    public override StringOrMemory NodeName => "#comment";
}

/// <summary>The document type node.</summary>
public sealed class LightDocumentType(string name) : LightNode
{
    public string Name { get; } = name;

    public override StringOrMemory NodeName => Name;
}
