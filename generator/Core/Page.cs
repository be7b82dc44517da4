using Express.Site.Yaml;

namespace Express.Site.Core;

/// <summary>
/// One page as it moves through the pipeline. Immutable: each step returns a copy with its own part filled in.
/// </summary>
public sealed record Page(SourceFile Source)
{
    /// <summary>The front matter as written (every key, also those the generator does not know).</summary>
    public YamlMap FrontMatter { get; init; } = new(Source.At(1));

    /// <summary>The text after the front matter, and the source line it starts on.</summary>
    public string Body { get; init; } = "";
    public int BodyLine { get; init; } = 1;

    public PageMeta? Meta { get; init; }

    /// <summary>The site-relative URL, e.g. "/kontakt/", and the output file, e.g. "kontakt/index.html".</summary>
    public string Url { get; init; } = "";
    public string OutputPath { get; init; } = "";

    /// <summary>The body rendered to HTML (before the layout).</summary>
    public string ContentHtml { get; init; } = "";

    /// <summary>The whole HTML document (after the layout and post-processing).</summary>
    public string Html { get; init; } = "";

    /// <summary>The ids and the links found in <see cref="Html"/>, for link validation.</summary>
    public PageLinks Links { get; init; } = PageLinks.Empty;

    public PageMeta RequireMeta() => Meta ?? throw new InvalidOperationException($"{Source.Path} has not been validated yet");
}

/// <summary>A link or resource reference in a page's HTML, with the line of the output it was found on.</summary>
public sealed record PageLink(string Target, string Element, int OutputLine);

public sealed record PageLinks(IReadOnlySet<string> Ids, IReadOnlyList<PageLink> Links)
{
    public static readonly PageLinks Empty = new(new HashSet<string>(), []);
}
