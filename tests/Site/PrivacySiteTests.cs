using AngleSharp.Html.Parser;
using Express.Site.Privacy;
using Express.Site.Tests.Support;
using Express.Site.Yaml;

namespace Express.Site.Tests.Site;

/// <summary>The privacy data against the built real site: the declaration and the tags. The errors (a form without a
/// contact point, a contact point without its form, a mistake in privacy.yml) are case files of tests/Cases/privacy.</summary>
public sealed class PrivacySiteTests
{
    [Fact]
    public void The_real_privacy_page_declares_every_cookie_with_its_lifetime_and_every_page_references_the_consent_configuration()
    {
        using var site = FixtureSite.RealSite();
        var (code, console) = site.Run();
        Assert.True(code == 0, console);
        var errors = new List<Express.Site.Core.Diagnostic>();
        var data = new PrivacyDataReader("nb", errors.Add).Read(YamlReader.ReadMap(File.ReadAllText(Path.Combine(site.Input, "_data", "privacy.yml")), "privacy.yml"))!;
        Assert.Empty(errors);

        var page = new HtmlParser().ParseDocument(site.ReadOutput("personvern/index.html"));
        var rows = page.QuerySelectorAll("table.declaration tbody tr").ToDictionary(r => r.QuerySelector("th code")!.TextContent, r => r.TextContent);
        foreach (var cookie in data.Vendors.SelectMany(v => v.Cookies.Concat(v.Storage)).Append(data.Consent.Cookie))
            Assert.True(rows.ContainsKey(cookie.Name.Pattern), $"{cookie.Name} is not in the declaration");
        Assert.Equal(["express_samtykke", "_ga", "_ga_*", "_fbp", "_fbc", "fr"], rows.Keys);
        Assert.Contains("12 måneder", rows["_ga"]);
        Assert.Contains("90 dager", rows["_fbp"]);
        Assert.Contains("Tredjeparts (.facebook.com)", rows["fr"]);
        Assert.Contains("USA, EU–US Data Privacy Framework", rows["_ga"]);
        var retention = page.QuerySelectorAll("table.retention tbody th").Select(th => th.TextContent).ToList();
        Assert.Equal(["Kontakt oss", "Jeg vil ha mer informasjon", "Alle tredjepartscookies"], retention);

        var config = Assert.Single(Directory.GetFiles(Path.Combine(site.Output, "assets"), "consent-config.*.json"));
        var configUrl = "/assets/" + Path.GetFileName(config);
        foreach (var html in site.OutputPages())
            Assert.Contains($"<link rel=\"preload\" href=\"{configUrl}\" as=\"fetch\"", site.ReadOutput(html));
    }

    [Fact]
    public void The_google_tag_is_generated_gated_with_the_declared_cookie_lifetime()
    {
        using var site = FixtureSite.RealSite();
        site.RunSuccessfully();
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("index.html"));
        var inline = doc.QuerySelectorAll("script[data-consent-vendor='google-analytics']:not([data-src])").Single();
        Assert.Equal("text/plain", inline.GetAttribute("type"));
        Assert.Equal("statistics", inline.GetAttribute("data-consent-category"));
        Assert.Contains("cookie_expires: 31104000}", inline.TextContent); // 12 months of 30 days, as declared for _ga
        Assert.Contains("gtag('consent', 'default', {ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied'});", inline.TextContent);
        var loader = doc.QuerySelectorAll("script[data-consent-vendor='google-analytics'][data-src]").Single();
        Assert.Equal("text/plain", loader.GetAttribute("type"));
        Assert.StartsWith("https://www.googletagmanager.com/gtag/js?id=", loader.GetAttribute("data-src"));
        Assert.Null(loader.GetAttribute("src"));
    }
}
