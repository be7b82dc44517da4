using Express.Site.Core;
using Express.Site.Privacy;
using Express.Site.Tests.Support;
using Express.Site.Yaml;

namespace Express.Site.Tests.Unit;

/// <summary>Each kind of mistake in privacy.yml is an error at its line, with a fix.</summary>
public sealed class PrivacyValidationTests
{
    private const string File = "input/_data/privacy.yml";
    private static readonly string Valid = System.IO.File.ReadAllText(Path.Combine(Paths.Golden, "privacy", "input", "_data", "privacy.yml"));

    private const string SecondVendor = """
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
              nb: EU–US Data Privacy Framework
            hosts: [HOSTS]
            markers: ["ads("]
            cookies:
              - name: COOKIE
                party: first
                lifetime: 90 days
                purpose:
                  nb: Annonser.

        """;

    private static (PrivacyData? Data, List<Diagnostic> Errors) Read(string yaml)
    {
        var errors = new List<Diagnostic>();
        var data = new PrivacyDataReader("nb", errors.Add).Read(YamlReader.ReadMap(yaml, File));
        return (data, errors);
    }

    private static Diagnostic SingleError(string yaml)
    {
        var (data, errors) = Read(yaml);
        Assert.Null(data);
        var error = Assert.Single(errors);
        Assert.Equal(File, error.Location.File);
        Assert.True(error.Location.Line > 0);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
        return error;
    }

    private static string WithSecondVendor(string hosts, string cookie) =>
        Valid.Replace("processors:", SecondVendor.Replace("HOSTS", hosts).Replace("COOKIE", cookie) + "processors:");

    private static int LineOf(string yaml, string text) => yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

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
    public void Missing_required_field()
    {
        var yaml = Valid.Replace("    provider: Analyse AS\n", "");
        var error = SingleError(yaml);
        Assert.Contains("'provider' is missing", error.Message);
        Assert.Equal(LineOf(yaml, "  - id: analyse"), error.Location.Line);
    }

    [Fact]
    public void Missing_text_in_a_language_map()
    {
        var error = SingleError(Valid.Replace("    purpose:\n      nb: Teller besøk.\n", "    purpose:\n"));
        Assert.Contains("'purpose' is missing or empty", error.Message);
    }

    [Fact]
    public void Missing_consent_texts_are_listed_with_what_each_is_for()
    {
        var yaml = Valid.Replace("    save:\n      nb: Lagre valg\n", "").Replace("    gpc:\n", "    gpc_text:\n");
        var error = SingleError(yaml);
        Assert.Equal("consent.texts lacks gpc, save", error.Message);
        Assert.Contains("save:   # the button that stores the switches as they are", error.Fix);
        Assert.Equal(LineOf(yaml, "  texts:"), error.Location.Line);
    }

    [Fact]
    public void Global_privacy_control_cannot_refuse_what_is_strictly_necessary()
    {
        var error = SingleError(Valid.Replace("  - id: necessary\n    necessary: true\n", "  - id: necessary\n    necessary: true\n    refused_by_gpc: true\n"));
        Assert.Contains("cannot be refused", error.Message);
    }

    [Fact]
    public void Global_privacy_control_marks_the_categories_it_refuses()
    {
        var (data, errors) = Read(Valid.Replace("  - id: statistics\n", "  - id: statistics\n    refused_by_gpc: true\n"));
        Assert.Empty(errors);
        Assert.Equal(["statistics"], data!.Categories.Where(c => c.RefusedByGpc).Select(c => c.Id));
        Assert.Contains("\"refusedByGpc\":true", ConsentConfig.ToJson(data, "x"));
    }

    [Fact]
    public void Unknown_category()
    {
        var yaml = Valid.Replace("category: statistics", "category: statistik");
        var error = SingleError(yaml);
        Assert.Contains("unknown category 'statistik'", error.Message);
        Assert.Contains("necessary, statistics", error.Fix);
        Assert.Equal(LineOf(yaml, "  - id: analyse"), error.Location.Line);
    }

    [Fact]
    public void A_vendor_may_not_be_strictly_necessary() =>
        Assert.Contains("strictly necessary", SingleError(Valid.Replace("category: statistics", "category: necessary")).Message);

    [Fact]
    public void Duplicate_id()
    {
        var yaml = WithSecondVendor("ads.example.org", "_ads").Replace("id: reklame", "id: analyse");
        var error = SingleError(yaml);
        Assert.Contains("the id 'analyse' is used twice", error.Message);
        Assert.Equal(LineOf(yaml, "  - id: analyse\n    name: Reklame"), error.Location.Line);
    }

    [Fact]
    public void Duplicate_cookie_name()
    {
        var yaml = WithSecondVendor("ads.example.org", "_st");
        var error = SingleError(yaml);
        Assert.Contains("the cookie '_st' is declared twice", error.Message);
        Assert.Equal(LineOf(yaml, "      - name: _st\n        party: first\n        lifetime: 90 days"), error.Location.Line);
    }

    [Fact]
    public void The_consent_cookie_counts_too() =>
        Assert.Contains("the cookie 'samtykke' is declared twice", SingleError(WithSecondVendor("ads.example.org", "samtykke")).Message);

    [Fact]
    public void Duplicate_host() =>
        Assert.Contains("the host 'stats.example.com' of 'reklame' overlaps 'stats.example.com' of 'analyse'",
            SingleError(WithSecondVendor("stats.example.com", "_ads")).Message);

    [Fact]
    public void Hosts_that_overlap_through_a_wildcard() =>
        Assert.Contains("the host '*.example.com' of 'reklame' overlaps 'stats.example.com' of 'analyse'",
            SingleError(WithSecondVendor("\"*.example.com\"", "_ads")).Message);

    [Fact]
    public void A_pattern_that_matches_another_vendors_cookie()
    {
        var error = SingleError(WithSecondVendor("ads.example.org", "_s*"));
        Assert.Contains("the cookie name '_s*' (reklame) and '_st' (analyse", error.Message);
        Assert.Contains("can match the same cookie", error.Message);
    }

    [Fact]
    public void Unparsable_lifetime()
    {
        var yaml = Valid.Replace("lifetime: 30 days", "lifetime: 30 dayz");
        var error = SingleError(yaml);
        Assert.Contains("cannot read the lifetime '30 dayz'", error.Message);
        Assert.Equal(LineOf(yaml, "lifetime: 30 dayz"), error.Location.Line);
        Assert.Contains("'90 days'", error.Fix);
    }

    [Fact]
    public void A_host_written_as_an_address() =>
        Assert.Contains("write only the host name", SingleError(Valid.Replace("hosts: [stats.example.com]", "hosts: [\"https://stats.example.com/x\"]")).Message);

    [Fact]
    public void A_third_party_cookie_needs_its_domain() =>
        Assert.Contains("needs the 'domain'", SingleError(Valid.Replace("        party: first\n        lifetime: 30 days", "        party: third\n        lifetime: 30 days")).Message);

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

    [Fact]
    public void A_necessary_flag_that_is_not_true_or_false_is_an_error_as_in_front_matter()
    {
        var (data, errors) = Read(Valid.Replace("    necessary: true", "    necessary: ja"));
        Assert.Null(data);
        var error = errors[0]; // then the category is missing, so no category is the necessary one either
        Assert.Contains("'necessary' must be true or false", error.Message);
        Assert.Equal(57, error.Location.Line);
    }
}
