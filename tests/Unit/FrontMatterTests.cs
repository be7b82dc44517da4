using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Steps.Read;

namespace Express.Site.Tests.Unit;

public sealed class FrontMatterTests
{
    private static Page Split(string text) => SplitFrontMatter.Split(new Page(new SourceFile("input/x.md", "/x.md", text)));

    [Fact]
    public void Splits_front_matter_from_the_body_and_knows_where_the_body_starts()
    {
        var page = Split("---\ntitle: Hei\nnav: 2\n---\n## Overskrift\n");
        Assert.Equal("Hei", page.FrontMatter["title"]);
        Assert.Equal("## Overskrift\n", page.Body.ToString());
        Assert.Equal(5, page.BodyLine);
    }

    [Fact]
    public void A_page_without_front_matter_is_all_body()
    {
        var page = Split("Bare tekst.\n");
        Assert.Empty(page.FrontMatter);
        Assert.Equal("Bare tekst.\n", page.Body.ToString());
    }

    [Fact]
    public void A_dashed_line_inside_the_body_is_not_a_fence()
    {
        var page = Split("---\ntitle: A\n---\nTekst\n---\nMer\n");
        Assert.Equal("Tekst\n---\nMer\n", page.Body.ToString());
    }

    [Fact]
    public void Unknown_keys_are_kept_for_templates()
    {
        var page = Split("---\ntitle: A\nowner: Kari\n---\n");
        Assert.Equal("Kari", page.FrontMatter["owner"]);
    }

    [Fact]
    public void A_collection_deadline_sets_expiry_to_the_end_of_that_day()
    {
        var page = Split("---\ntitle: Jobb\ndeadline: 2026-12-10\n---\n");
        var collection = new CollectionConfig("stillinger", "job", "deadline", "deadline", ["deadline"]);
        var meta = ValidatePages.Validate(page.FrontMatter, collection, "nb");
        Assert.Equal(new DateTime(2026, 12, 11, 0, 0, 0, DateTimeKind.Utc), meta.Expires);
        Assert.Equal("job", meta.Layout);
        Assert.Equal("stillinger", meta.Collection);
    }

    [Fact]
    public void A_missing_required_collection_key_names_the_collection()
    {
        var page = Split("---\ntitle: Jobb\n---\n");
        var collection = new CollectionConfig("stillinger", "job", null, null, ["deadline"]);
        var e = Assert.Throws<SiteException>(() => ValidatePages.Validate(page.FrontMatter, collection, "nb"));
        Assert.Contains("'deadline' is required for pages in 'stillinger/'", e.Diagnostic.Message);
    }

    [Fact]
    public void A_permalink_must_be_a_site_path()
    {
        var page = Split("---\ntitle: A\npermalink: ../../etc\n---\n");
        var e = Assert.Throws<SiteException>(() => ValidatePages.Validate(page.FrontMatter, null, "nb"));
        Assert.Equal(3, e.Diagnostic.Location.Line);
    }
}
