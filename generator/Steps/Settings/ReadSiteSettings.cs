using Express.Site.Pipeline;

namespace Express.Site.Steps.Settings;

/// <summary>Reads and checks the generator's settings from site.yml (base_url, locale, lang, collections).</summary>
public sealed class ReadSiteSettings : IBuildStep
{
    public string Name => "settings";

    public SiteState Run(SiteState site, BuildContext context) => site with { Settings = SiteSettings.From(site.SiteConfig) };

    public string Summarize(SiteState site) => site.RequireSettings().BaseUrl;
}
