using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Tests.Unit;

public sealed class YamlReaderTests
{
    [Fact]
    public void Plain_scalars_are_typed_and_quoted_ones_stay_text()
    {
        var map = YamlReader.ReadMap("a: 12\nb: 1.5\nc: true\nd: 2026-12-01\ne: \"12\"\nf: 0180\ng: +47 92 08 86 86\nh: ~\ni: Oslo\n", "x.yml");
        Assert.Equal(12L, map["a"]);
        Assert.Equal(1.5, map["b"]);
        Assert.Equal(true, map["c"]);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), map["d"]);
        Assert.Equal("12", map["e"]);
        Assert.Equal("0180", map["f"]);
        Assert.Equal("+47 92 08 86 86", map["g"]);
        Assert.Null(map["h"]);
        Assert.Equal("Oslo", map["i"]);
    }

    [Fact]
    public void Keys_and_items_remember_their_lines_with_the_offset()
    {
        var map = YamlReader.ReadMap("title: X\nvendors:\n  - id: ga\n  - id: meta\n", "input/_data/p.yml", firstLine: 10);
        Assert.Equal(new SourceLocation("input/_data/p.yml", 11, 1), map.LocationOf("vendors"));
        var vendors = Assert.IsType<YamlList>(map["vendors"]);
        Assert.Equal(13, vendors.LocationOf(1).Line);
        Assert.Equal(["title", "vendors"], map.Keys.ToArray());
    }

    [Fact]
    public void A_duplicate_key_is_an_error_at_the_second_one()
    {
        var e = Assert.Throws<SiteException>(() => YamlReader.ReadMap("title: A\ndate: 2026-01-01\ntitle: B\n", "x.md", firstLine: 2));
        Assert.Equal(4, e.Diagnostic.Location.Line);
        Assert.Contains("Duplicate key title", e.Diagnostic.Message);
    }

    [Fact]
    public void A_top_level_list_is_an_error()
    {
        var e = Assert.Throws<SiteException>(() => YamlReader.ReadMap("- a\n- b\n", "x.yml"));
        Assert.Contains("expected 'key: value' lines", e.Diagnostic.Message);
    }

    [Fact]
    public void Empty_text_is_an_empty_map()
    {
        Assert.Empty(YamlReader.ReadMap("", "x.yml"));
        Assert.Empty(YamlReader.ReadMap("# only a comment\n", "x.yml"));
    }
}

/// <summary>The one typed reader of YAML values: front matter and the privacy data read a value the same way.</summary>
public sealed class YamlValuesTests
{
    private static Express.Site.Yaml.YamlMap Map(string yaml) => Express.Site.Yaml.YamlReader.ReadMap(yaml, "x.yml");

    [Theory]
    [InlineData("a: true", true)]
    [InlineData("a: false", false)]
    [InlineData("", false)]
    public void Booleans(string yaml, bool expected) => Assert.Equal(expected, Express.Site.Yaml.YamlValues.OptionalBool(Map(yaml), "a", false));

    [Theory]
    [InlineData("a: ja")]
    [InlineData("a: \"true\"")]
    [InlineData("a: 1")]
    public void A_boolean_that_is_not_true_or_false_is_an_error_at_its_line(string yaml)
    {
        var error = Assert.Throws<Express.Site.Core.SiteException>(() => Express.Site.Yaml.YamlValues.OptionalBool(Map("b: 1\n" + yaml), "a", false));
        Assert.Equal("x.yml:2:1", error.Diagnostic.Location.ToString());
        Assert.Contains("'a' must be true or false", error.Diagnostic.Message);
    }

    [Fact]
    public void Lists_and_single_texts_and_dates()
    {
        Assert.Equal(["x", "y"], Express.Site.Yaml.YamlValues.OptionalStringList(Map("a: [x, y]"), "a"));
        Assert.Equal(["x"], Express.Site.Yaml.YamlValues.OptionalStringList(Map("a: x"), "a"));
        Assert.Equal(new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), Express.Site.Yaml.YamlValues.OptionalDate(Map("a: 2026-12-31"), "a"));
        Assert.Throws<Express.Site.Core.SiteException>(() => Express.Site.Yaml.YamlValues.OptionalDate(Map("a: 31.12.2026"), "a"));
        Assert.Equal("0180", Express.Site.Yaml.YamlValues.OptionalString(Map("a: \"0180\""), "a"));
        Assert.Equal("42", Express.Site.Yaml.YamlValues.OptionalString(Map("a: 42"), "a"));
    }
}
