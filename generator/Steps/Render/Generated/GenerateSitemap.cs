using System.Globalization;
using System.Security;
using System.Text;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Render.Generated;

/// <summary>Writes sitemap.xml with every published page except those with 'sitemap: false' or 'noindex: true'.</summary>
public sealed class GenerateSitemap : IBuildStep
{
    public const string FileName = "sitemap.xml";

    public string Name => "sitemap";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Settings, SitePart.Meta, SitePart.Urls };

    // The last run's pages with each one's line ("" when it is left out) and the text: a page whose object is the
    // same keeps its line, and when no line changed, neither did the order by URL nor the text.
    private Page[] _lastPages = [];
    private string[] _lastLines = [];
    private string _lastText = "";
    private string? _lastBase;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var settings = site.RequireSettings();
        var pages = site.Pages;
        var comparable = _lastPages.Length == pages.Length && settings.BaseUrl == _lastBase;
        var lines = new string[pages.Length];
        var changed = !comparable;
        for (var i = 0; i < pages.Length; i++)
        {
            lines[i] = comparable && ReferenceEquals(pages[i], _lastPages[i]) ? _lastLines[i] : Line(pages[i], settings);
            changed |= comparable && !ReferenceEquals(lines[i], _lastLines[i]) && lines[i] != _lastLines[i];
        }
        var text = changed ? Text(pages, lines) : _lastText;
        if (context.RunsAgain) (_lastPages, _lastLines, _lastText, _lastBase) = ([.. pages], lines, text, settings.BaseUrl);
        return site with { Files = [.. site.Files, OutputFile.Text(FileName, new SourceLocation("(generated)"), text)] };
    }

    private static string Text(IReadOnlyList<Page> pages, string[] lines)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var i in Enumerable.Range(0, pages.Count).Where(i => lines[i].Length > 0).OrderBy(i => pages[i].Url, StringComparer.Ordinal))
            xml.Append(lines[i]);
        return xml.Append("</urlset>\n").ToString();
    }

    /// <summary>A page's &lt;url&gt; line; "" when the page is not in the sitemap.</summary>
    private static string Line(Page page, SiteSettings settings)
    {
        if (!page.RequireMeta().InSitemap) return "";
        var line = new StringBuilder("  <url><loc>").Append(SecurityElement.Escape(settings.Absolute(page.Url))).Append("</loc>");
        if (page.RequireMeta().Date is { } date)
            line.Append("<lastmod>").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</lastmod>");
        return line.Append("</url>\n").ToString();
    }
}
