using System.Text;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Privacy;

namespace Express.Site.Steps.Read;

/// <summary>
/// Checks input/_data/privacy.yml, computes the consent revision, and emits the consent script's JSON configuration
/// once (fingerprinted, under /assets/). Templates get the checked facts as <c>privacy</c>.
/// </summary>
public sealed class LoadPrivacyData : IBuildStep
{
    public const string DataName = "privacy";

    public string Name => "privacy data";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Data, SitePart.Settings };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Privacy };

    public SiteState Run(SiteState site, BuildContext context)
    {
        if (site.Data.GetValueOrDefault(DataName) is not { } yaml) return site;
        var data = new PrivacyDataReader(site.RequireSettings().Lang, context.Report, site.RequireSettings().LifetimeWords).Read(yaml);
        if (data is null) return site; // the reader reported why

        var revision = ConsentRevision.Of(data);
        var json = ConsentConfig.ToJson(data, revision);
        var outputPath = $"{AssetManifest.OutputFolder}/{AssetManifest.FingerprintedName("consent-config.json", Encoding.UTF8.GetBytes(json))}";
        return site with
        {
            Privacy = new PrivacyFacts(data, revision, "/" + outputPath),
            Files = [.. site.Files, OutputFile.Text(outputPath, yaml.Location with { Line = 0 }, json)],
        };
    }

    public string Summarize(SiteState site) => site.Privacy is { } p
        ? $"{p.Data.Vendors.Count} vendors, {p.Data.Vendors.Sum(v => v.Cookies.Count + v.Storage.Count) + 1} cookies, revision {p.Revision}"
        : "no privacy.yml";
}
