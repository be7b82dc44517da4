using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace Express.Site.Audit;

/// <summary>Finds every page of a served site: the sitemap's URLs, then every same-site link and form target on the pages found, and 404.html.</summary>
public static class SiteCrawler
{
    /// <summary>The address of every file in the output that a browser opens as a document (HTML, XHTML, SVG, XML).</summary>
    public static IEnumerable<string> DocumentsIn(string outputDir) => Directory.EnumerateFiles(outputDir, "*", SearchOption.AllDirectories)
        .Select(file => Path.GetRelativePath(outputDir, file).Replace('\\', '/'))
        .Where(Steps.Check.StaticLeakAudit.IsDocument)
        .Select(path => "/" + (path == "index.html" ? "" : path.EndsWith("/index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path))
        .Order(StringComparer.Ordinal);

    public static async Task<IReadOnlyList<string>> CrawlAsync(string origin, int limit = 5000)
    {
        using var http = new HttpClient { BaseAddress = new Uri(origin) };
        var queue = new Queue<string>(["/"]);
        var sitemap = await http.GetAsync("/sitemap.xml");
        if (sitemap.IsSuccessStatusCode)
            foreach (var loc in XDocument.Parse(await sitemap.Content.ReadAsStringAsync()).Descendants().Where(e => e.Name.LocalName == "loc"))
                if (Uri.TryCreate(loc.Value.Trim(), UriKind.Absolute, out var url)) queue.Enqueue(url.AbsolutePath);
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parser = new HtmlParser();
        while (queue.Count > 0 && found.Count < limit)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path)) continue;
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            found.Add(path);
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            // Links, and where forms send the visitor (a thank-you page is often linked from nowhere else).
            foreach (var href in document.QuerySelectorAll("a[href], area[href]").Select(a => a.GetAttribute("href")!)
                         .Concat(document.QuerySelectorAll("form[action]").Select(f => f.GetAttribute("action")!)))
                if (Uri.TryCreate(new Uri(origin + path), href, out var target) && target.Host == http.BaseAddress.Host && target.Port == http.BaseAddress.Port
                    && (target.AbsolutePath.EndsWith('/') || target.AbsolutePath.EndsWith(".html", StringComparison.Ordinal)))
                    queue.Enqueue(target.AbsolutePath);
        }
        if ((await http.GetAsync("/404.html")).IsSuccessStatusCode && !found.Contains("/404.html")) found.Add("/404.html");
        return found;
    }
}
