using AngleSharp.Html.Dom;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Steps.Render;

namespace Express.Site.Tests.Unit;

public sealed class HtmlStepTests
{
    private const string Html = "<!DOCTYPE html>\n<html><head><link rel=\"stylesheet\" href=\"/a.css\"></head>\n<body>\n" +
                                "<h2 id=\"x\">X</h2><a name=\"old\"></a>\n<a href=\"/kontakt/#skjema\">k</a>\n" +
                                "<script>var s = '<a href=\"/not-a-link/\">';</script><textarea><img src=\"/no.png\"></textarea>\n" +
                                "<form action=\"/takk/\"></form><img src=\"/bilde.png\"><noscript><img src=\"/nei.png\"></noscript>\n" +
                                "<a href=\"java&#9;script:alert(1)\">x</a></body></html>";

    [Fact]
    public void The_scan_finds_ids_and_references_with_their_lines_but_not_inside_scripts_text_or_noscript()
    {
        using var document = DocumentReader.Parse(Html);
        var scan = PageScanner.Scan(DocumentReader.Read(document, new AngleSharp.Dom.Url("https://www.express.no/a/"), "www.express.no"));
        Assert.Equal([new PageForm("", 7)], scan.Forms);
        Assert.Equal([new InlineCode("var s = '<a href=\"/not-a-link/\">';", 6, NeedsHash: true)], scan.InlineScripts);
        Assert.Equal(["old", "x"], scan.Ids.Order());
        Assert.Equal(
            [new PageLink("/a.css", "link", 2), new PageLink("/kontakt/#skjema", "a", 5), new PageLink("/takk/", "form", 7), new PageLink("/bilde.png", "img", 7),
             new PageLink("java\tscript:alert(1)", "a", 8, RunsScript: true)],
            scan.Links);
    }

    [Fact]
    public void Pages_a_transform_changes_are_serialized_again_and_others_are_left_as_they_are()
    {
        var transform = new MarkImages();
        var step = new PostProcessHtml([_ => transform]);
        var withImage = new Page(new SourceFile("input/a.md", "/a.md", "")) { Html = Html, Url = "/a/" };
        var without = new Page(new SourceFile("input/b.md", "/b.md", "")) { Html = "<!DOCTYPE html>\n<p>Ingen bilder</p>", Url = "/b/" };
        var site = new SiteState { Pages = [withImage, without], Settings = new Model.SiteSettings(new Uri("https://www.express.no/"), System.Globalization.CultureInfo.InvariantCulture, "nb", new Dictionary<string, Model.CollectionConfig>(), [], new Dictionary<string, Privacy.LifetimeUnit>()) };

        var result = step.Run(site, new BuildContext(new BuildOptions("/in", "/theme", "/out", DateTime.UtcNow), IBuildReporter.Silent));

        Assert.Equal(2, transform.Applied);
        Assert.Contains("<img src=\"/bilde.png\" data-seen=\"yes\">", result.Pages[0].Html);
        Assert.Equal(without.Html, result.Pages[1].Html); // as it was: serializing it again would have added <html>, <head> and <body>
    }

    [Fact]
    public void The_readers_parser_builds_the_tree_angleSharps_default_parser_builds()
    {
        // DocumentReader leaves out the services that react to a tree as it is built (attribute observers, link
        // relations) and parses from a read-only view of the text, not the string AngleSharp's default parser takes;
        // the tree must not change. Compared over every gating spec input and every gating mutant (svg,
        // math, noscript, template and srcdoc nestings), in a page and alone.
        var reference = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { IsScripting = true });
        var inputs = GatingDocuments().ToList();
        Assert.True(inputs.Count > 2_000, $"only {inputs.Count} documents");
        foreach (var html in inputs)
        {
            var expected = Tree(reference.ParseDocument(html));
            using var withLines = DocumentReader.Parse(html);
            using var withoutLines = DocumentReader.Parse(html, lines: false);
            Assert.Equal(expected, Tree(withLines));
            Assert.Equal(expected, Tree(withoutLines));
        }

        static string Tree(IHtmlDocument document) => (document.Doctype?.Name ?? "") + "\n" + document.DocumentElement.OuterHtml;
    }

    [Fact]
    public void The_reading_lists_the_live_documents_elements_in_tree_order_as_document_all_does()
    {
        // The reader walks the tree by hand; the ids, forms and marked elements the later steps take from its list must be
        // those of document.all, in the same order, whatever nesting the gating's inputs and mutants build.
        var inputs = GatingDocuments()
            .Append(string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + "deep"); // deeper than a recursive walk's stack allows
        foreach (var html in inputs)
        {
            using var document = DocumentReader.Parse(html);
            var reading = DocumentReader.Read(document, new AngleSharp.Dom.Url("https://www.express.no/a/"), "www.express.no");
            Assert.Equal(document.All.ToList(), reading.Elements);
        }
    }

    /// <summary>Every gating spec input and every gating mutant (svg, math, noscript, template and srcdoc nestings), each
    /// alone and inside a page.</summary>
    private static IEnumerable<string> GatingDocuments() =>
        ((IEnumerable<object[]>)GatingSpecTests.Examples()).Select(row => ((GatingSpecTests.Example)row[0]).Input)
            .Concat(Support.GatingMutants.All().Select(m => m.Html))
            .SelectMany(html => new[] { html, Html.Replace("<body>", "<body>" + html, StringComparison.Ordinal) });

    private sealed class MarkImages : IHtmlTransform
    {
        public int Applied;

        public bool Apply(IHtmlDocument document, DocumentReading reading, Page page, ICollection<PageProblem> problems)
        {
            Interlocked.Increment(ref Applied);
            foreach (var img in document.Images) img.SetAttribute("data-seen", "yes");
            return document.Images.Length > 0;
        }
    }
}
