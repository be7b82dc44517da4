using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Render.Generated;

/// <summary>Writes robots.txt pointing at the sitemap, unless input/ has its own robots.txt.</summary>
public sealed class GenerateRobots : IBuildStep
{
    public string Name => "robots";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings };

    public SiteState Run(SiteState site, BuildContext context)
    {
        if (site.Files.Any(f => f.OutputPath == "robots.txt")) return site;
        var text = $"User-agent: *\nAllow: /\n\nSitemap: {site.RequireSettings().Absolute("/" + GenerateSitemap.FileName)}\n";
        return site with { Files = [.. site.Files, OutputFile.Text("robots.txt", new SourceLocation("(generated)"), text)] };
    }
}
