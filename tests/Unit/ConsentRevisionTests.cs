using Express.Site.Privacy;
using Express.Site.Tests.Support;
using Express.Site.Yaml;

namespace Express.Site.Tests.Unit;

/// <summary>The revision changes with every fact consent depends on, and with nothing else.</summary>
public sealed class ConsentRevisionTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(Paths.Golden, "privacy", "input", "_data", "privacy.yml"));

    private static string Revision(string yaml)
    {
        var errors = new List<Express.Site.Core.Diagnostic>();
        var words = new Dictionary<string, LifetimeUnit> { ["dager"] = LifetimeUnit.Day }; // as the site's site.yml names them
        var data = new PrivacyDataReader("nb", errors.Add, words).Read(YamlReader.ReadMap(yaml, "privacy.yml"));
        Assert.True(data is not null, string.Join("\n", errors));
        return ConsentRevision.Of(data);
    }

    private static readonly string Base = Revision(Valid);

    [Fact]
    public void Is_eight_hex_digits() => Assert.Matches("^[0-9a-f]{8}$", Base);

    public static TheoryData<string, string, string> Immaterial() => new()
    {
        { "comments and blank lines", "categories:", "# Formålene\n\ncategories:" },
        { "indentation style of a list", "hosts: [stats.example.com]", "hosts:\n      - stats.example.com" },
        { "a purpose text", "nb: Teller besøk.", "nb: Teller besøk på sidene." },
        { "a category title", "nb: Statistikk", "nb: Besøksstatistikk" },
        { "a contact point", "nb: 6 måneder.", "nb: Et halvt år." },
        { "the controller's phone", "phone: +47 12 34 56 78", "phone: +47 87 65 43 21" },
        { "quoting a value", "name: _st", "name: \"_st\"" },
        { "how long a choice stays valid", "valid_for: 12 months", "valid_for: 6 months" },
        { "a unit written in Norwegian", "lifetime: 30 days", "lifetime: 30 dager" },
    };

    [Theory]
    [MemberData(nameof(Immaterial))]
    public void Stays_the_same_for(string what, string from, string to)
    {
        Assert.Contains(from, Valid);
        Assert.True(Base == Revision(Valid.Replace(from, to)), what);
    }

    [Fact]
    public void Stays_the_same_when_entries_are_reordered()
    {
        var categories = Valid[Valid.IndexOf("categories:", StringComparison.Ordinal)..Valid.IndexOf("vendors:", StringComparison.Ordinal)];
        var necessary = categories[categories.IndexOf("  - id: necessary", StringComparison.Ordinal)..categories.IndexOf("  - id: statistics", StringComparison.Ordinal)];
        var statistics = categories[categories.IndexOf("  - id: statistics", StringComparison.Ordinal)..];
        var reordered = Valid.Replace(categories, "categories:\n" + statistics + necessary);
        Assert.NotEqual(Valid, reordered);
        Assert.Equal(Base, Revision(reordered));

        var consent = Valid[Valid.IndexOf("consent:\n", StringComparison.Ordinal)..Valid.IndexOf("categories:", StringComparison.Ordinal)];
        var movedToEnd = Valid.Replace(consent, "") + consent;
        Assert.Equal(Base, Revision(movedToEnd));
    }

    public static TheoryData<string, string, string> Material() => new()
    {
        { "a cookie's lifetime", "lifetime: 30 days", "lifetime: 31 days" },
        { "a cookie's name", "name: _st", "name: _sta" },
        { "a cookie's party", "        party: first\n        lifetime: 30 days", "        party: third\n        domain: .example.com\n        lifetime: 30 days" },
        { "a vendor's category", "category: statistics\n    purpose:", "category: marketing\n    purpose:" },
        { "a host", "hosts: [stats.example.com]", "hosts: [stats.example.com, cdn.example.com]" },
        { "the consent cookie's lifetime", "lifetime: 6 months", "lifetime: 7 months" },
        { "a storage key", "name: st_*", "name: st2_*" },
    };

    [Theory]
    [MemberData(nameof(Material))]
    public void Changes_for(string what, string from, string to)
    {
        Assert.Contains(from, Valid);
        var changed = Valid.Replace(from, to);
        if (what == "a vendor's category")
            changed = changed.Replace("categories:", "categories:\n  - id: marketing\n    title:\n      nb: Markedsføring\n    description:\n      nb: Annonser.");
        Assert.True(Base != Revision(changed), what);
    }

    [Fact]
    public void Changes_when_a_vendor_is_added()
    {
        var added = Valid.Replace("processors:", """
              - id: reklame
                name: Reklame
                provider: Reklame AS
                category: statistics
                purpose:
                  nb: Annonser.
                data:
                  anonymous:
                    nb: [klikk]
                  identifying:
                    nb: [IP-adresse]
                policy: https://ads.example.org/personvern
                country: USA
                transfer_basis:
                  nb: DPF
                hosts: [ads.example.org]
                markers: ["ads("]
            processors:
            """);
        Assert.NotEqual(Base, Revision(added));
    }
}
