using Express.Site.Reading.Light;

namespace Express.Site.Reading;

/// <summary>How a browser uses a URL it finds in a document.</summary>
public enum ReferenceUse
{
    /// <summary>Fetched, connected to or navigated to without a click (src, srcset, a loading link, meta refresh, CSS url()…).</summary>
    Fetch,
    /// <summary>Followed only on a click (a href, area href, a navigation link, cite).</summary>
    Navigate,
    /// <summary>Where a form sends what it collects, on submit.</summary>
    FormTarget,
    /// <summary>&lt;base href&gt;: every relative URL of the document resolves against it.</summary>
    Base,
    /// <summary>An address in an attribute the reader does not know: it cannot say whether a browser loads it.</summary>
    Unclassified,
}

/// <summary>Where in a document an element sits, as a browser with scripting on sees it.</summary>
public enum ReadContext
{
    /// <summary>The live document.</summary>
    Document,
    /// <summary>Inside &lt;noscript&gt;: text to a browser with scripting on, markup to one without.</summary>
    NoScript,
    /// <summary>Inside &lt;template&gt;: inert until a script clones it.</summary>
    Template,
    /// <summary>A document of its own: an iframe's srcdoc.</summary>
    NestedDocument,
}

/// <summary>One URL in a document: the element and attribute it is in, how the browser uses it, and where it resolves.</summary>
/// <param name="Owner">The element of the live document it belongs to: the element itself, or the noscript, template or
/// iframe it is nested in.</param>
public sealed record Reference(LightElement Element, LightElement Owner, string Attribute, WebAddress Address, ReferenceUse Use, ReadContext Context, int Line)
{
    /// <summary>A link that needs a click, or an address on this site: it needs no consent, wherever it stands.</summary>
    public bool NeedsNoConsent => Use == ReferenceUse.Navigate || Address.Kind is AddressKind.Site or AddressKind.Blank;
}

/// <summary>A &lt;script&gt; without a source: its text, and what the browser does with it.</summary>
public sealed record InlineScript(LightElement Element, LightElement Owner, string Text, ScriptKind Kind, ReadContext Context, int Line);

/// <summary>A &lt;style&gt; element's text.</summary>
public sealed record InlineStyle(LightElement Element, string Text, ReadContext Context, int Line);

/// <summary>An attribute holding code: style="…" or an event handler (on…="…").</summary>
public sealed record CodeAttribute(LightElement Element, string Attribute, string Value, ReadContext Context, int Line);

/// <summary>Why a document cannot be read as a browser would: what, the text it is written with (to find it in the
/// sources), its line in the document, and what to do.</summary>
public sealed record ReadingProblem(string Message, string Snippet, int Line, string Fix);

/// <summary>Everything in a document that loads, navigates or runs, as a browser with scripting on reads it.</summary>
public sealed record DocumentReading(
    IReadOnlyList<Reference> References, IReadOnlyList<InlineScript> Scripts, IReadOnlyList<InlineStyle> Styles,
    IReadOnlyList<CodeAttribute> CodeAttributes, IReadOnlyList<ReadingProblem> Problems)
{
    /// <summary>The live document's elements in tree order (what document.all lists), for steps that look at every element.</summary>
    public IReadOnlyList<LightElement> Elements { get; init; } = [];
}
