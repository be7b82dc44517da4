using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>A value per item (here pages), kept in the preview for a page that is the same object at the same place.</summary>
public sealed class PerItemTests
{
    private static Page PageAt(string url) => new(new SourceFile($"input{url}.md", $"/in{url}.md", "")) { Url = url };

    [Fact]
    public void Only_pages_that_are_not_the_same_object_at_their_place_are_asked()
    {
        var asked = new List<string>();
        var perItem = new PerItem<Page, string>(page => { asked.Add(page.Url); return page.Url.ToUpperInvariant(); });
        var preview = Contexts.Preview();
        ImmutableArray<Page> pages = [PageAt("/a/"), PageAt("/b/"), PageAt("/c/")];

        Assert.Equal(["/A/", "/B/", "/C/"], perItem.Of(pages, preview));
        asked.Clear();
        var edited = pages.SetItem(1, pages[1] with { Url = "/b2/" });
        Assert.Equal(["/A/", "/B2/", "/C/"], perItem.Of(edited, preview));
        Assert.Equal(["/b2/"], asked);

        asked.Clear();
        var added = edited.Insert(0, PageAt("/new/")); // every page moved: all asked again
        Assert.Equal(["/NEW/", "/A/", "/B2/", "/C/"], perItem.Of(added, preview));
        Assert.Equal(4, asked.Count);
    }

    [Fact]
    public void A_one_off_build_keeps_nothing()
    {
        var asked = 0;
        var perItem = new PerItem<Page, bool>(_ => { asked++; return true; });
        var oneOff = Contexts.OneOff();
        ImmutableArray<Page> pages = [PageAt("/a/")];
        perItem.Of(pages, oneOff);
        perItem.Of(pages, oneOff);
        Assert.Equal(2, asked);
    }
}
