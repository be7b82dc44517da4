using AngleSharp.Html.Dom;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Reading;
using Express.Site.Reading.Light;
using Express.Site.Steps.Render;
using Express.Site.Tests.Support;

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
        var document = DocumentReader.Parse(Html);
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

        var result = step.Run(site, Contexts.OneOff());

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
            using var withLines = DocumentReader.ParseDom(html);
            using var withoutLines = DocumentReader.ParseDom(html, lines: false);
            Assert.Equal(expected, Tree(withLines));
            Assert.Equal(expected, Tree(withoutLines));
        }

        static string Tree(IHtmlDocument document) => (document.Doctype?.Name ?? "") + "\n" + document.DocumentElement.OuterHtml;
    }

    [Fact]
    public void The_readers_light_tree_is_the_tree_of_angleSharps_dom()
    {
        // The reader reads a LightDocument: AngleSharp's tree builder with nodes of our own. Every node must be where
        // AngleSharp's DOM has it, with the same namespace, name and attributes, and the text the reader reads (in
        // script, style, noscript, SVG and MathML) must be the same. Over the gating inputs and mutants, broken markup
        // the tree builder repairs (adoption agency, foster parenting, formatting elements reopened), and nesting
        // past the depth the builder flattens.
        // Where AngleSharp's builder needs its own classes (an element foster-parented out of a table, table parts in
        // a template), the light parse must know it went wrong, and the reader takes the tree from the DOM.
        var inputs = GatingDocuments().Concat(RepairedMarkup).ToList();
        var unfaithful = new List<string>();
        foreach (var html in inputs)
        {
            using var dom = DocumentReader.ParseDom(html);
            var expected = Describe(dom);
            var light = DocumentReader.ParseLightOnly(html);
            if (light.IsFaithful) Assert.Equal(expected, Describe(light));
            else unfaithful.Add(html);
            Assert.Equal(expected, Describe(DocumentReader.Parse(html)));
            using var withoutLines = DocumentReader.ParseDom(html, lines: false);
            Assert.Equal(expected, Describe(DocumentReader.Parse(html, lines: false)));
        }
        Assert.Contains(RepairedMarkup.First(m => m.Contains("b<img")), unfaithful); // foster-parented
        Assert.Contains(RepairedMarkup.First(m => m.Contains("<template>y<td>")), unfaithful); // a template's table cell
        Assert.True(unfaithful.Count < inputs.Count / 20, $"{unfaithful.Count} of {inputs.Count} documents need AngleSharp's DOM");
    }

    [Fact]
    public void The_reading_lists_the_live_documents_elements_in_tree_order_as_document_all_does()
    {
        // The reader walks the tree by hand; the ids, forms and marked elements the later steps take from its list, and
        // the gating's edits (made on the element at the same place in AngleSharp's document.all), must be those of
        // document.all, in the same order, whatever nesting the gating's inputs and mutants build.
        foreach (var html in GatingDocuments().Concat(RepairedMarkup))
        {
            using var dom = DocumentReader.ParseDom(html);
            var document = DocumentReader.Parse(html);
            var reading = DocumentReader.Read(document, new AngleSharp.Dom.Url("https://www.express.no/a/"), "www.express.no");
            Assert.Equal(document.Descendants(), reading.Elements);
            // AngleSharp drops a declarative shadow root's template from document.all; the reader keeps it, and the
            // gating refuses the page (it makes no edits there).
            if (html.Contains("shadowrootmode", StringComparison.Ordinal)) Assert.NotEmpty(reading.Problems);
            else Assert.Equal(dom.All.Select(e => $"{e.NamespaceUri} {e.LocalName} {e.Attributes.Length}"), reading.Elements.Select(e => $"{e.NamespaceUri} {e.LocalName} {e.Attributes.Count}"));
        }
        // Deeper than a recursive walk's stack allows (AngleSharp takes 13 s to build it, so it is built once).
        var deep = DocumentReader.Parse(string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + "deep");
        var deepReading = DocumentReader.Read(deep, new AngleSharp.Dom.Url("https://www.express.no/a/"), "www.express.no");
        Assert.Equal(3 + 40_000, deepReading.Elements.Count);
        Assert.Equal(deep.Descendants(), deepReading.Elements);
    }

    [Fact]
    public void Markup_a_browser_moves_out_of_a_table_is_read_wherever_the_builder_puts_it_and_reported()
    {
        // In a <select>, <table> is an unknown element; after the template closes, the builder is "in table" with no
        // table open, and puts the image after the root element. The reader reads it there, and says the page needed
        // AngleSharp's repair, which the gating refuses and the leak audit reports.
        var document = DocumentReader.Parse("<!DOCTYPE html><p>x</p><select><option><table><template></template><img src=\"https://tracker.example/p.gif\">");
        var reading = DocumentReader.Read(document, new AngleSharp.Dom.Url("https://www.express.no/a/"), "www.express.no");
        Assert.Contains(reading.References, r => r.Address.ThirdPartyHost == "tracker.example");
        Assert.Contains(reading.Problems, p => p.Message.Contains("moves out of a <table>", StringComparison.Ordinal));
    }

    /// <summary>Markup the tree builder must repair, and nesting deeper than it keeps (it flattens the tree past 512).</summary>
    private static IEnumerable<string> RepairedMarkup =>
    [
        "<p><b><i>a</p>b</i>c", "<a href=/x><p>a<a href=/y>b</a></p>", "<table><tr><td>a</td>b<img src=/c><script>d</script></tr></table>",
        "<table>x<template>y<td>z</td></template></table>", "<b><b><b><b>a</b></b></b></b><p>b", "<font color=red><p>a</font>b",
        "<svg><desc><p>a</p></desc><foreignObject><math><mi>b<svg><script>c</script></svg></mi></math></foreignObject></svg>",
        "<select><option>a<svg><script>b</script></svg><keygen><textarea>c</select>", "<frameset><frame src=/a></frameset>",
        "<math><annotation-xml encoding=text/html><p>a<style>b</style></annotation-xml></math>", "<svg><script>a<![CDATA[ b ]]>c</script></svg>",
        "<template><template><img src=/a></template><tr><td>b</template>", "<noscript><img src=/a></noscript><head><noscript>c</noscript>",
        "<html a=1><body b=2><html c=3><body d=4>", "<xmp><b></xmp><plaintext><a>",
        string.Concat(Enumerable.Repeat("<div><b><template>", 300)) + "<img src=/deep>",
        string.Concat(Enumerable.Repeat("<div><span>", 1_000)) + "deep",
    ];

    /// <summary>A tree as text: each node on a line with its depth; an element with its namespace, name and
    /// attributes (qualified name, namespace, value); text where the reader reads it (the light tree keeps no other,
    /// and no comments). A template's contents are its children.</summary>
    private static string Describe(AngleSharp.Dom.INode document)
    {
        var text = new System.Text.StringBuilder();
        var stack = new Stack<(AngleSharp.Dom.INode Node, int Depth, bool Keep)>();
        stack.Push((document, 0, false));
        while (stack.Count > 0)
        {
            var (node, depth, keep) = stack.Pop();
            if (node.NodeType == AngleSharp.Dom.NodeType.Comment || (node is AngleSharp.Dom.IText && !keep)) continue; // not read: the light tree leaves them out
            Line(text, depth, node switch
            {
                // AngleSharp names xlink:href "href"; a browser, and the light tree, keep its prefix.
                AngleSharp.Dom.IElement e => Element(e.NamespaceUri, e.LocalName, e.Attributes.Select(a =>
                    (a.NamespaceUri == AngleSharp.Dom.NamespaceNames.XLinkUri && a.Prefix is null ? "xlink:" + a.LocalName : a.Name, a.NamespaceUri, a.Value))),
                AngleSharp.Dom.IText t => "#text " + (keep ? t.Data : ""),
                _ => node.NodeType == AngleSharp.Dom.NodeType.Comment ? "#comment" : node.NodeType == AngleSharp.Dom.NodeType.DocumentType ? node.NodeName : "#" + node.NodeType,
            });
            var children = (node as IHtmlTemplateElement)?.Content.ChildNodes ?? node.ChildNodes;
            var keepBelow = keep || (node is AngleSharp.Dom.IElement own && Keeps(own.NamespaceUri, own.LocalName));
            for (var i = children.Length - 1; i >= 0; i--) stack.Push((children[i], depth + 1, keepBelow));
            if (node is AngleSharp.Dom.IElement { ShadowRoot: { } shadow })
            {
                // A declarative shadow root: AngleSharp attaches it to its host and drops the template it was written as.
                Line(text, depth + 1, Element(AngleSharp.Dom.NamespaceNames.HtmlUri, "template", [("shadowrootmode", null, shadow.Mode.ToString().ToLowerInvariant())]));
                foreach (var child in shadow.ChildNodes.Reverse()) stack.Push((child, depth + 2, keepBelow));
            }
        }
        return text.ToString();
    }

    private static string Describe(LightNode document)
    {
        var text = new System.Text.StringBuilder();
        var stack = new Stack<(LightNode Node, int Depth, bool Keep)>();
        stack.Push((document, 0, false));
        while (stack.Count > 0)
        {
            var (node, depth, keep) = stack.Pop();
            if (node is LightComment || (node is LightText && !keep)) continue; // in a tree copied from the DOM
            Line(text, depth, node switch
            {
                LightElement e => Element(e.NamespaceUri, e.LocalName, e.Attributes.Select(a => (a.Name, a.NamespaceUri, a.Value))),
                LightText t => "#text " + (keep ? t.Data : ""),
                LightComment => "#comment",
                LightDocumentType d => d.Name,
                _ => "#Document",
            });
            var keepBelow = keep || (node is LightElement own && Keeps(own.NamespaceUri, own.LocalName));
            for (var i = node.Children.Count - 1; i >= 0; i--) stack.Push((node.Children[i], depth + 1, keepBelow));
        }
        return text.ToString();
    }

    private static bool Keeps(string? namespaceUri, string localName) =>
        namespaceUri != AngleSharp.Dom.NamespaceNames.HtmlUri || localName is "script" or "style" or "noscript";

    private static string Element(string? namespaceUri, string localName, IEnumerable<(string Name, string? NamespaceUri, string Value)> attributes) =>
        $"<{namespaceUri} {localName}>" + string.Concat(attributes.Select(a => $" {a.Name}[{a.NamespaceUri}]={a.Value}"));

    private static void Line(System.Text.StringBuilder text, int depth, string what) => text.Append(depth).Append(' ').AppendLine(what);

    /// <summary>Every gating spec input and every gating mutant (svg, math, noscript, template and srcdoc nestings), each
    /// alone and inside a page.</summary>
    private static IEnumerable<string> GatingDocuments() =>
        ((IEnumerable<object[]>)GatingSpecTests.Examples()).Select(row => ((GatingSpecTests.Example)row[0]).Input)
            .Concat(Support.GatingMutants.All().Select(m => m.Html))
            .SelectMany(html => new[] { html, Html.Replace("<body>", "<body>" + html, StringComparison.Ordinal) });

    private sealed class MarkImages : IHtmlTransform
    {
        public int Applied;

        public void Apply(DocumentReading reading, Page page, ICollection<PageProblem> problems, PageEdits edits)
        {
            Interlocked.Increment(ref Applied);
            foreach (var img in reading.Elements.Where(e => e.LocalName == "img")) edits.Add(img, e => e.SetAttribute("data-seen", "yes"));
        }
    }
}
