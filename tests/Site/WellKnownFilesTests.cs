using System.Globalization;
using System.Text.Json;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// /.well-known/gpc.json (Global Privacy Control) and /.well-known/security.txt (RFC 9116), generated from the data
/// files: their content on the real site, how they are served, and what stops the build.
/// </summary>
public sealed class WellKnownFilesTests
{
    private static (FixtureSite Site, int Code, string Console) Build(Action<FixtureSite>? change = null)
    {
        var site = FixtureSite.RealSite();
        change?.Invoke(site);
        var (code, console) = site.Run();
        return (site, code, console);
    }

    /// <summary>The "Name: value" lines of security.txt.</summary>
    private static List<(string Name, string Value)> Fields(string text) => [.. text.Split('\n')
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))];

    [Fact]
    public async Task The_real_site_publishes_gpc_json_as_the_gpc_specification_describes()
    {
        var (site, code, console) = Build();
        using var built = site;
        Assert.True(code == 0, console);

        using var json = JsonDocument.Parse(site.ReadOutput(".well-known/gpc.json"));
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.True, root.GetProperty("gpc").ValueKind);
        Assert.True(DateTime.TryParseExact(root.GetProperty("lastUpdate").GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "gpc", "lastUpdate" }));

        // Served as JSON at the well-known address, as Netlify serves it.
        using var server = new StaticSiteServer(site.Output);
        using var http = new HttpClient();
        var response = await http.GetAsync(server.Url("/.well-known/gpc.json"));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var security = await http.GetAsync(server.Url("/.well-known/security.txt"));
        Assert.True(security.IsSuccessStatusCode);
        Assert.Equal("text/plain", security.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_real_site_publishes_security_txt_with_the_contact_and_expiry_of_the_data_files()
    {
        var (site, code, console) = Build();
        using var built = site;
        Assert.True(code == 0, console);

        var text = site.ReadOutput(".well-known/security.txt");
        Assert.DoesNotContain("\r", text);
        var fields = Fields(text);
        // RFC 9116: Contact (at least one) and Expires (exactly one) are required; Expires is an RFC 3339 date-time.
        var contact = Assert.Single(fields, f => f.Name == "Contact").Value;
        var email = File.ReadAllLines(Path.Combine(Paths.Repository, "input", "_data", "privacy.yml"))
            .Select(l => l.Trim()).First(l => l.StartsWith("email:", StringComparison.Ordinal))["email:".Length..].Trim();
        Assert.Equal("mailto:" + email, contact);

        var expires = DateTime.ParseExact(Assert.Single(fields, f => f.Name == "Expires").Value, "yyyy-MM-dd'T'HH:mm:ss'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var siteYml = File.ReadAllText(Path.Combine(Paths.Repository, "input", "_data", "site.yml"));
        Assert.Contains($"security_expires: {expires:yyyy-MM-dd}", siteYml);
        Assert.True(expires > FixtureSite.Today && expires < FixtureSite.Today.AddDays(367), $"expires {expires:u}");

        Assert.Equal("https://www.express.no/.well-known/security.txt", Assert.Single(fields, f => f.Name == "Canonical").Value);
        Assert.Equal("nb, en", Assert.Single(fields, f => f.Name == "Preferred-Languages").Value);
        Assert.All(fields, f => Assert.Contains(f.Name, new[] { "Contact", "Expires", "Canonical", "Preferred-Languages", "Policy", "Encryption", "Acknowledgments", "Hiring" }));
    }

    [Fact]
    public void The_real_security_txt_is_valid_for_a_while_yet()
    {
        // The daily build stops on the day after the expiry; this test warns a month before, in every test run.
        var siteYml = File.ReadAllText(Path.Combine(Paths.Repository, "input", "_data", "site.yml"));
        var line = siteYml.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("security_expires:", StringComparison.Ordinal));
        var expires = DateTime.ParseExact(line["security_expires:".Length..].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(expires > DateTime.UtcNow.Date.AddDays(30), $"security.txt expires {expires:yyyy-MM-dd}: renew 'security_expires' in input/_data/site.yml");
    }

    [Fact]
    public void An_expired_security_txt_stops_the_build_with_the_line_and_the_fix()
    {
        var (site, code, console) = Build(s => s.Replace("input/_data/site.yml", "security_expires: 2027-05-31", "security_expires: 2026-11-24"));
        using var built = site;
        Assert.Equal(1, code);
        Assert.Contains("site.yml", console);
        Assert.Contains("security.txt expired on 2026-11-24", console);
        Assert.Contains("renew it", console);
    }

    [Fact]
    public void An_expiry_more_than_a_year_ahead_is_a_warning_and_a_contact_of_its_own_wins()
    {
        var (site, code, console) = Build(s => s.Replace("input/_data/site.yml", "security_expires: 2027-05-31",
            "security_expires: 2028-01-31\n  security_contact: https://www.express.no/sikkerhet/"));
        using var built = site;
        Assert.True(code == 0, console);
        Assert.Contains("more than a year ahead", console);
        var fields = Fields(site.ReadOutput(".well-known/security.txt"));
        Assert.Equal("https://www.express.no/sikkerhet/", Assert.Single(fields, f => f.Name == "Contact").Value);
    }

    [Fact]
    public void Without_the_data_there_is_no_security_txt_and_without_a_gpc_purpose_no_gpc_json()
    {
        var (site, code, console) = Build(s =>
        {
            s.Replace("input/_data/site.yml", "  security_expires: 2027-05-31\n", "");
            s.Replace("input/_data/privacy.yml", "refused_by_gpc: true", "refused_by_gpc: false");
        });
        using var built = site;
        Assert.True(code == 0, console);
        Assert.False(site.OutputExists(".well-known/security.txt"));
        Assert.False(site.OutputExists(".well-known/gpc.json"));
    }
}
