using System.Collections.Immutable;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser.Tokens;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Html;

namespace Express.Site.Tests.Unit;

public sealed class HtmlStepTests
{
    private const string Html = "<!DOCTYPE html>\n<html><head><link rel=\"stylesheet\" href=\"/a.css\"></head>\n<body>\n" +
                                "<h2 id=\"x\">X</h2><a name=\"old\"></a>\n<a href=\"/kontakt/#skjema\">k</a>\n" +
                                "<script>var s = '<a href=\"/not-a-link/\">';</script><textarea><img src=\"/no.png\"></textarea>\n" +
                                "<form action=\"/takk/\"></form><img src=\"/bilde.png\"></body></html>";

    [Fact]
    public void The_scanner_finds_ids_and_references_with_their_lines_but_not_inside_scripts_or_text()
    {
        var (links, wanted) = HtmlScanner.Scan(Html);
        Assert.False(wanted);
        Assert.Equal([new PageForm("", 7)], links.Forms);
        Assert.Equal([new InlineCode("var s = '<a href=\"/not-a-link/\">';", 6, "")], links.InlineScripts);
        Assert.Equal(["old", "x"], links.Ids.Order());
        Assert.Equal(
            [new PageLink("/a.css", "link", 2), new PageLink("/kontakt/#skjema", "a", 5), new PageLink("/takk/", "form", 7), new PageLink("/bilde.png", "img", 7)],
            links.Links);
    }

    [Fact]
    public void Only_pages_a_transform_wants_are_parsed_and_rewritten()
    {
        var transform = new MarkImages();
        var step = new PostProcessHtml([_ => transform]);
        var withImage = new Page(new SourceFile("input/a.md", "/a.md", "")) { Html = Html, Url = "/a/" };
        var without = new Page(new SourceFile("input/b.md", "/b.md", "")) { Html = "<!DOCTYPE html>\n<p>Ingen bilder</p>", Url = "/b/" };
        var site = new SiteState { Pages = [withImage, without] };

        var result = step.Run(site, new BuildContext(new BuildOptions("/in", "/theme", "/out", DateTime.UtcNow), IBuildReporter.Silent));

        Assert.Equal(1, transform.Applied);
        Assert.Contains("<img src=\"/bilde.png\" data-seen=\"yes\">", result.Pages[0].Html);
        Assert.Same(without.Html, result.Pages[1].Html);
    }

    private sealed class MarkImages : IHtmlTransform
    {
        public int Applied;

        public bool Wants(HtmlTagToken tag, string? text) => tag.Name == "img";

        public bool Apply(IHtmlDocument document, Page page)
        {
            Interlocked.Increment(ref Applied);
            foreach (var img in document.Images) img.SetAttribute("data-seen", "yes");
            return true;
        }
    }
}
