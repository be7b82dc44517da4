using AngleSharp;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace Express.Site.Reading.Light;

/// <summary>AngleSharp's HTML parser building <see cref="LightDocument"/>s (<see cref="LightFactory"/>). One per thread.</summary>
internal sealed class LightParser
{
    private readonly LightFactory _factory = new();
    private readonly HtmlParser _parser;

    public LightParser(HtmlParserOptions options, IConfiguration services) =>
        _parser = new HtmlParser(options, BrowsingContext.New(services.With(_factory)));

    /// <summary>Parses <paramref name="html"/>; check <see cref="LightDocument.IsFaithful"/>.</summary>
    public LightDocument Parse(string html) => Parse(html.AsMemory());

    /// <summary>Parses a document given as UTF-8 (a page's HTML as it is kept and written), decoded into a buffer this
    /// parser uses again rather than into a string of its own; nothing in the tree refers to the buffer.</summary>
    public LightDocument Parse(byte[] utf8)
    {
        var length = System.Text.Encoding.UTF8.GetMaxCharCount(utf8.Length);
        var buffer = _decoded is { } kept && kept.Length >= length ? kept : new char[Math.Max(length, 64 * 1024)];
        if (buffer.Length <= 1 << 20) _decoded = buffer; // a rare huge page's is not kept
        return Parse(buffer.AsMemory(0, System.Text.Encoding.UTF8.GetChars(utf8, buffer)));
    }

    private char[]? _decoded;

    private LightDocument Parse(ReadOnlyMemory<char> html)
    {
        try
        {
            var document = _parser.ParseDocument<LightDocument, LightElement>(new TextSource(new ReadOnlyMemoryTextSource(html)));
            document.Finish();
            return document;
        }
        catch (NullReferenceException)
        {
            return LightDocument.Failed();
        }
        finally
        {
            // The tokenizer's character buffer is as long as the page: given back, the next parse takes it instead of
            // a new one (AngleSharp's own document does this when it is disposed).
            _factory.Made?.ReleaseBuilder();
            _factory.Made = null;
        }
    }
}
