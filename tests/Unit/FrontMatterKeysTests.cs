using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Yaml;

namespace Express.Site.Tests.Unit;

public sealed class FrontMatterKeysTests
{
    private static YamlMap Yaml(string text) => YamlReader.ReadMap(text, "input/side.md", firstLine: 2);

    private static YamlMap Site(string text) => YamlReader.ReadMap(text, "input/_data/site.yml");

    [Theory]
    [InlineData("draft", "darft", 1)]
    [InlineData("expires", "expire", 1)]
    [InlineData("description", "descripton", 1)]
    [InlineData("nav", "nav", 0)]
    [InlineData("layout", "lead", 5)]
    public void Distance_counts_edits_and_swaps(string a, string b, int expected) => Assert.Equal(expected, FrontMatterKeys.Distance(a, b));

    [Fact]
    public void Declared_keys_are_accepted_without_a_warning()
    {
        var warnings = new List<Diagnostic>();
        var collection = new CollectionConfig("stillinger", "job", null, "deadline", ["location"]) { FrontMatterKeys = ["extent"] };
        FrontMatterKeys.For(Site("front_matter_keys: [lead]\n"), collection)
            .Check(Yaml("title: T\nlead: L\ndeadline: 2026-12-01\nlocation: Oslo\nextent: Fast\n"), warnings.Add);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_declared_key_that_looks_like_a_generator_key_is_still_allowed()
    {
        var warnings = new List<Diagnostic>();
        FrontMatterKeys.For(Site("front_matter_keys: [data]\n"), null).Check(Yaml("title: T\ndata: x\n"), warnings.Add);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_near_miss_of_a_collection_key_is_an_error_in_that_collection()
    {
        var collection = new CollectionConfig("stillinger", "job", null, "deadline", []);
        var e = Assert.Throws<SiteException>(() => FrontMatterKeys.For(Site("title: S\n"), collection).Check(Yaml("title: T\ndeadlne: 2026-12-01\n"), _ => { }));
        Assert.Equal("input/side.md:3:1", e.Diagnostic.Location.ToString());
        Assert.Contains("did you mean 'deadline'?", e.Diagnostic.Message);
    }

    [Fact]
    public void An_unknown_key_far_from_every_known_key_is_a_warning_at_its_line()
    {
        var warnings = new List<Diagnostic>();
        FrontMatterKeys.For(Site("title: S\n"), null).Check(Yaml("title: T\nfavorittfarge: blå\n"), warnings.Add);
        var warning = Assert.Single(warnings);
        Assert.Equal("input/side.md:3:1", warning.Location.ToString());
        Assert.Contains("'favorittfarge' is not one the build or the theme declares", warning.Message);
    }
}
