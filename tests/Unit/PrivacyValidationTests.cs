using Express.Site.Core;
using Express.Site.Privacy;
using Express.Site.Tests.Support;
using Express.Site.Yaml;

namespace Express.Site.Tests.Unit;

/// <summary>
/// Reading privacy.yml: the fixture's declaration, and the lifetimes and host patterns it is made of. Each kind of
/// mistake in privacy.yml (an error at its line, with a fix) is a case file of tests/Cases/privacy, run by CaseTests.
/// </summary>
public sealed class PrivacyValidationTests
{
    private const string File = "input/_data/privacy.yml";
    private static readonly string Valid = System.IO.File.ReadAllText(Path.Combine(Paths.Golden, "privacy", "input", "_data", "privacy.yml"));

    private static (PrivacyData? Data, List<Diagnostic> Errors) Read(string yaml)
    {
        var errors = new List<Diagnostic>();
        var data = new PrivacyDataReader("nb", errors.Add).Read(YamlReader.ReadMap(yaml, File));
        return (data, errors);
    }

    [Fact]
    public void The_fixture_declaration_is_valid()
    {
        var (data, errors) = Read(Valid);
        Assert.Empty(errors);
        Assert.NotNull(data);
        Assert.Equal(["necessary", "statistics"], data.Categories.Select(c => c.Id));
        Assert.Equal(new Lifetime(30, LifetimeUnit.Day), data.Vendors[0].Cookies[0].Lifetime);
    }

    [Fact]
    public void Global_privacy_control_marks_the_categories_it_refuses()
    {
        var (data, errors) = Read(Valid.Replace("  - id: statistics\n", "  - id: statistics\n    refused_by_gpc: true\n"));
        Assert.Empty(errors);
        Assert.Equal(["statistics"], data!.Categories.Where(c => c.RefusedByGpc).Select(c => c.Id));
        Assert.Contains("\"refusedByGpc\":true", ConsentConfig.ToJson(data, "x"));
    }

    [Theory]
    [InlineData("90 days", 90, LifetimeUnit.Day)]
    [InlineData("12 months", 12, LifetimeUnit.Month)]
    [InlineData("1 year", 1, LifetimeUnit.Year)]
    [InlineData("24 timer", 24, LifetimeUnit.Hour)]
    [InlineData("13 måneder", 13, LifetimeUnit.Month)]
    [InlineData("2 år", 2, LifetimeUnit.Year)]
    public void Lifetimes_in_english_or_the_sites_own_words(string text, int amount, LifetimeUnit unit) =>
        Assert.Equal(new Lifetime(amount, unit), Lifetime.Parse(text, NorwegianWords));

    private static readonly Dictionary<string, LifetimeUnit> NorwegianWords = new()
    {
        ["timer"] = LifetimeUnit.Hour, ["måneder"] = LifetimeUnit.Month, ["år"] = LifetimeUnit.Year, ["økt"] = LifetimeUnit.Session,
    };

    [Fact]
    public void Words_of_a_language_are_read_only_when_the_site_names_them()
    {
        Assert.Null(Lifetime.Parse("2 år"));
        Assert.Null(Lifetime.Parse("økt"));
        Assert.Equal(Lifetime.Session, Lifetime.Parse("økt", NorwegianWords));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0 days")]
    [InlineData("12")]
    [InlineData("-3 days")]
    public void Lifetimes_that_are_not(string text) => Assert.Null(Lifetime.Parse(text));

    [Fact]
    public void Host_patterns_match_subdomains_only()
    {
        var pattern = new HostPattern("*.google-analytics.com");
        Assert.True(pattern.Matches("region1.google-analytics.com"));
        Assert.True(pattern.Matches("www.google-analytics.com"));
        Assert.False(pattern.Matches("google-analytics.com"));
        Assert.False(pattern.Matches("evilgoogle-analytics.com"));
        Assert.True(new HostPattern("www.facebook.com").Matches("WWW.facebook.com"));
    }
}
