using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Express.Site.Reading;
using Express.Site.Reading.Light;

namespace Express.Site.Steps.Render;

/// <summary>
/// The changes the HTML transforms decide for one page, each on an element of the live document as the reader saw it.
/// The reader's tree (<see cref="LightDocument"/>) cannot be changed or written out; a page with edits is parsed again
/// into AngleSharp's full DOM, by the same tree builder, so it holds the same elements in the same tree order, and
/// each edit is made there on the element at the same place in that order.
/// </summary>
public sealed class PageEdits
{
    private readonly List<(LightElement Element, Action<IElement> Edit)> _edits = [];

    public bool Any => _edits.Count > 0;

    /// <summary>Changes <paramref name="element"/>, an element of the live document, with <paramref name="edit"/>.</summary>
    public void Add(LightElement element, Action<IElement> edit) => _edits.Add((element, edit));

    /// <summary>Makes the edits, in the order they were added, in <paramref name="document"/>: the full DOM of the text
    /// <paramref name="reading"/> was read from.</summary>
    public void ApplyTo(IHtmlDocument document, DocumentReading reading)
    {
        if (!Any) return;
        var positions = new Dictionary<LightElement, int>(reading.Elements.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < reading.Elements.Count; i++) positions[reading.Elements[i]] = i;
        var elements = document.All.ToArray(); // before any edit removes one
        if (elements.Length != reading.Elements.Count)
            throw new InvalidOperationException($"the page has {elements.Length} elements in AngleSharp's DOM and {reading.Elements.Count} in the reader's tree");
        foreach (var (light, edit) in _edits)
        {
            if (!positions.TryGetValue(light, out var position))
                throw new InvalidOperationException($"<{light.LocalName}> is not an element of the live document");
            var element = elements[position];
            if (element.LocalName != light.LocalName || element.NamespaceUri != light.NamespaceUri)
                throw new InvalidOperationException($"element {position} is <{element.LocalName}> in AngleSharp's DOM and <{light.LocalName}> in the reader's tree");
            edit(element);
        }
    }

    /// <summary>The page with the edits made: parsed into the full DOM, changed, and serialized.</summary>
    public string ApplyTo(string html, DocumentReading reading)
    {
        using var document = DocumentReader.ParseDom(html, lines: false);
        ApplyTo(document, reading);
        return "<!DOCTYPE html>\n" + document.DocumentElement.OuterHtml;
    }
}
