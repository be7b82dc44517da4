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
    public LightDocument Parse(string html)
    {
        try
        {
            var document = _parser.ParseDocument<LightDocument, LightElement>(new TextSource(new ReadOnlyMemoryTextSource(html.AsMemory())));
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
