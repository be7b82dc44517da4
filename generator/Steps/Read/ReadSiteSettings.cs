using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>Reads and checks the generator's settings from site.yml (base_url, locale, lang, collections).</summary>
public sealed class ReadSiteSettings : IBuildStep
{
    public string Name => "settings";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Data };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Settings };

    public SiteState Run(SiteState site, BuildContext context)
    {
        if (!site.Data.ContainsKey("site"))
            throw new SiteException(new SourceLocation(context.Display(Path.Combine(context.Options.InputDir, LoadDataFiles.DataFolder, "site.yml"))),
                "the site's settings file is missing",
                "create it with at least 'title: ...' and 'base_url: https://www.example.no' (see \"Where things live\" in the README), or pass the right folder with --input DIR");
        return site with { Settings = SiteSettings.From(site.SiteConfig) };
    }

    public string Summarize(SiteState site) => site.RequireSettings().BaseUrl;
}
