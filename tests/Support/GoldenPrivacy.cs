using Express.Site.Privacy;
using Express.Site.Yaml;

namespace Express.Site.Tests.Support;

/// <summary>The privacy declaration of the gating tests (tests/Golden/gating/privacy.yml: Google, Meta, YouTube), read or in a site.</summary>
public static class GoldenPrivacy
{
    public static readonly string GatingFile = Path.Combine(Paths.Golden, "gating", "privacy.yml");

    public static PrivacyData Gating { get; } = new PrivacyDataReader("nb", d => throw new InvalidOperationException(d.ToString()))
        .Read(YamlReader.ReadMap(File.ReadAllText(GatingFile), "privacy.yml"))!;

    /// <summary>The small privacy site with the real theme and this declaration, its vendor section in the privacy statement.</summary>
    public static FixtureSite GatingSite()
    {
        var site = FixtureSite.PrivacySite();
        File.Copy(GatingFile, Path.Combine(site.Input, "_data", "privacy.yml"), overwrite: true);
        site.Write("input/personvern.md", """
            ---
            title: Personvern
            description: Personvernerklæringen.
            layout: page
            ---
            {{ include 'personvern-leverandorer' }}

            ## Informasjonskapsler {#informasjonskapsler}

            {{ include 'personvern-cookies' }}

            ## Lagring

            {{ include 'personvern-lagring' }}

            """);
        return site;
    }
}
