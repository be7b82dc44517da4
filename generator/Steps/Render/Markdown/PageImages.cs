using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Express.Site.Steps.Render.Markdown;

/// <summary>
/// Checks and completes the images of a page's Markdown: each needs alt text (an explicit {alt=""} marks a decorative
/// one); an image from input/ gets its fingerprinted URL and its width and height, so the page does not shift while it
/// loads; every image but the first loads lazily.
/// </summary>
public sealed class PageImages(ImmutableDictionary<string, PageImage> images, string inputDir)
{
    public const string AltFix = "describe the image between the brackets, e.g. ![The office at reception](/bilder/office.jpg); " +
        "for a purely decorative image write ![](/bilder/pynt.svg){alt=\"\"}";

    public void Apply(MarkdownDocument document, Page page)
    {
        var first = true;
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage))
        {
            var at = Locate(image, page);
            var attributes = image.GetAttributes();
            var decorative = attributes.Properties?.RemoveAll(p => p.Key == "alt" && string.IsNullOrEmpty(p.Value)) > 0;
            if (image.FirstChild is null && !decorative)
                throw new SiteException(at, $"the image '{image.Url}' has no alt text (what it shows, for those who cannot see it)", AltFix);
            if (Local(image.Url ?? "", page) is { } sitePath)
            {
                if (!images.TryGetValue(sitePath, out var found))
                    throw new SiteException(at, $"there is no image at input{sitePath}",
                        "put page images in input/bilder/ and write the path from there, e.g. ![Office](/bilder/office.jpg)");
                image.Url = found.Url;
                if (found.Width is { } width && found.Height is { } height)
                {
                    attributes.AddProperty("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    attributes.AddProperty("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            if (!first) attributes.AddProperty("loading", "lazy"); // the first image is likely above the fold
            attributes.AddProperty("decoding", "async");
            first = false;
        }
    }

    /// <summary>
    /// Where the image is written in the page's file. The body's templates ran before Markdown, so an include above the
    /// image shifts its line in the text Markdown sees: the image's own text is looked up in the file first.
    /// </summary>
    private static SourceLocation Locate(LinkInline image, Page page)
    {
        if (image.Span.Start >= 0 && image.Span.End < page.Body.Length)
        {
            var text = page.Body.Slice(image.Span.Start, image.Span.Length).ToString();
            var source = page.Source.Text;
            var found = source.IndexOf(text, StringComparison.Ordinal);
            if (found >= 0 && source.IndexOf(text, found + 1, StringComparison.Ordinal) < 0) // only when it is unambiguous
                return page.Source.At(source.AsSpan(0, found).Count('\n') + 1, found - (source.LastIndexOf('\n', Math.Max(found - 1, 0)) + 1) + 1);
        }
        return page.Source.At(page.BodyLine + image.Line, image.Column + 1);
    }

    /// <summary>The site path ("/bilder/kontor.jpg") of an image in input/, or null for one from elsewhere (https:, data:).</summary>
    private string? Local(string url, Page page)
    {
        if (url.Length == 0 || url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme != "file")
            return null;
        var path = Uri.UnescapeDataString(url.Split('?', '#')[0]);
        if (path.StartsWith('/')) return path;
        var folder = Path.GetDirectoryName(Path.GetRelativePath(inputDir, page.Source.FullPath))!.Replace('\\', '/');
        var full = Path.GetFullPath(Path.Combine("/", folder, path)).Replace('\\', '/');
        return full;
    }
}
