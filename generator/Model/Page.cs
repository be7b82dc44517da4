using System.Text;
using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Model;

/// <summary>
/// One page as it moves through the pipeline. Immutable: each step returns a copy with its own part filled in.
/// </summary>
public sealed record Page(SourceFile Source)
{
    /// <summary>The front matter as written (every key, also those the generator does not know).</summary>
    public YamlMap FrontMatter { get; init; } = new(Source.At(1));

    /// <summary>The text after the front matter, and the source line it starts on. Emptied once rendered (Markdown),
    /// as <see cref="ContentHtml"/> is once in its layout: at 10,000 pages each is tens of megabytes nobody reads again.
    /// A slice of the source text until the body's templates render it: a copy would stay in memory, and be moved by
    /// the garbage collector, from the front matter step to the Markdown step.</summary>
    public ReadOnlyMemory<char> Body { get; init; }
    public int BodyLine { get; init; } = 1;

    public PageMeta? Meta { get; init; }

    /// <summary>The site-relative URL, e.g. "/kontakt/", and the output file, e.g. "kontakt/index.html".</summary>
    public string Url { get; init; } = "";
    public string OutputPath { get; init; } = "";

    /// <summary>The body rendered to HTML (before the layout; emptied once in the layout).</summary>
    public string ContentHtml { get; init; } = "";

    // Kept as the UTF-8 bytes to write, which the outermost layout renders straight into (Utf8Output): half the
    // memory of a string, and no string of the whole page is made. The HTML step reads it as text once; an error's
    // location and the tests read it again.
    private readonly byte[] _html = [];

    /// <summary>The whole HTML document (after the layout and post-processing).</summary>
    public string Html
    {
        get => Encoding.UTF8.GetString(_html);
        init => _html = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The same document as the UTF-8 bytes that are written.</summary>
    public byte[] HtmlUtf8
    {
        get => _html;
        init => _html = value;
    }

    /// <summary>The ids, links and forms found in <see cref="Html"/>, for link validation and the privacy checks.</summary>
    public PageScan Scan { get; init; } = PageScan.Empty;

    /// <summary>What the HTML transforms (the consent gating) refused on this page; the build stops when any page has one.</summary>
    public IReadOnlyList<PageProblem> Problems { get; init; } = [];

    /// <summary>What the page checks (the leak audit) found in the page as it will be written.</summary>
    public IReadOnlyList<Diagnostic> Findings { get; init; } = [];

    public PageMeta RequireMeta() => Meta ?? throw new InvalidOperationException($"{Source.Path} has not been validated yet");
}

/// <summary>A link or resource reference in a page's HTML, with the line of the output it was found on.</summary>
/// <param name="RunsScript">a javascript: URL (as the WHATWG URL standard reads it).</param>
public sealed record PageLink(string Target, string Element, int OutputLine, bool RunsScript = false);

/// <summary>A form in a page's HTML: its name ("" when it has none) and the output line.</summary>
public sealed record PageForm(string Name, int OutputLine);

/// <summary>The text of an inline script or style element and its output line.</summary>
/// <param name="NeedsHash">a script the browser runs or reads (code, an import map, speculation rules), which the
/// Content-Security-Policy must allow by hash; false for data blocks such as JSON-LD.</param>
public sealed record InlineCode(string Text, int OutputLine, bool NeedsHash = false)
{
    /// <summary>The vendor a consent-gated script runs for (data-consent-vendor), null when it is not gated.</summary>
    public string? ConsentVendor { get; init; }
}

/// <summary>An attribute with code in it (style="…", onclick="…"), which a strict Content-Security-Policy blocks.</summary>
public sealed record InlineAttribute(string Element, string Attribute, string Value, int OutputLine);

public sealed record PageScan(IReadOnlySet<string> Ids, IReadOnlyList<PageLink> Links, IReadOnlyList<PageForm> Forms)
{
    public static readonly PageScan Empty = new(new HashSet<string>(), [], []);

    /// <summary>Inline scripts (without src), for the Content-Security-Policy's hashes.</summary>
    public IReadOnlyList<InlineCode> InlineScripts { get; init; } = [];

    /// <summary>Inline style elements, for the Content-Security-Policy's hashes.</summary>
    public IReadOnlyList<InlineCode> InlineStyles { get; init; } = [];

    /// <summary>style and on* attributes.</summary>
    public IReadOnlyList<InlineAttribute> InlineAttributes { get; init; } = [];
}
