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
