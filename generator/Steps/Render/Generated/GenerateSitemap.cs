using System.Globalization;
using System.Security;
using System.Text;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Render.Generated;

/// <summary>Writes sitemap.xml with every published page except those with 'sitemap: false' or 'noindex: true'.</summary>
public sealed class GenerateSitemap : IBuildStep
{
    public const string FileName = "sitemap.xml";

    public string Name => "sitemap";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings, SitePart.Meta, SitePart.Urls };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var settings = site.RequireSettings();
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var page in site.Pages.Where(p => p.RequireMeta().InSitemap).OrderBy(p => p.Url, StringComparer.Ordinal))
        {
            xml.Append("  <url><loc>").Append(SecurityElement.Escape(settings.Absolute(page.Url))).Append("</loc>");
            if (page.RequireMeta().Date is { } date)
                xml.Append("<lastmod>").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</lastmod>");
            xml.Append("</url>\n");
        }
        xml.Append("</urlset>\n");
        return site with { Files = [.. site.Files, OutputFile.Text(FileName, new SourceLocation("(generated)"), xml.ToString())] };
    }
}
