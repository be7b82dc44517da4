using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Express.Site.Audit;

/// <summary>
/// Writes the evidence of an audit: report.json with every observation, and index.html for a reader who is not a
/// developer (in Norwegian, like the site): per consent state a table of cookies and third-party requests, the
/// findings, screenshots of both consent layers, the revision and the date.
/// </summary>
public static class AuditReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(AuditResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(result, Json));
        File.WriteAllText(Path.Combine(folder, "index.html"), Html(result, folder));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Html(AuditResult result, string folder)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="nb">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Personvernrevisjon {{result.Date:yyyy-MM-dd}}</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #15202b; }
            table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
            th, td { border: 1px solid #d5dde5; padding: .25rem .5rem; text-align: left; vertical-align: top; }
            .ok { color: #1d6b2c; } .bad { color: #a11d1d; } img { max-width: 100%; border: 1px solid #d5dde5; }
            </style></head>
            <body>
            <h1>Personvernrevisjon av nettsiden</h1>
            <p>Dato: {{result.Date:yyyy-MM-dd HH:mm}} UTC. Versjon av erklæringen om informasjonskapsler: <strong>{{E(result.Revision)}}</strong>.
            {{result.Pages.Count}} sider ble besøkt i {{result.States.Count}} samtykketilstander på {{result.Duration.TotalSeconds:0}} sekunder.</p>

            """);
        html.Append(result.Findings.Count == 0
            ? "<p class=\"ok\"><strong>Ingen avvik:</strong> nettsiden lagret og sendte ingenting uten samtykke, og alt den gjorde står i erklæringen.</p>\n"
            : $"<h2 class=\"bad\">{result.Findings.Count} avvik</h2>\n<table><thead><tr><th>Side</th><th>Tilstand</th><th>Hva</th><th>Hvorfor</th></tr></thead><tbody>\n" +
              string.Concat(result.Findings.Select(f => $"<tr><td>{E(f.Page)}</td><td>{E(f.State)}</td><td>{E(f.What)}</td><td>{E(f.Why)}</td></tr>\n")) + "</tbody></table>\n");
        if (File.Exists(Path.Combine(folder, "banner.png")))
            html.Append("<h2>Det besøkende ser</h2>\n<p>Første lag (banneret):</p>\n<img src=\"banner.png\" alt=\"Skjermbilde av samtykkebanneret\">\n<p>Andre lag (personvernsenteret):</p>\n<img src=\"center.png\" alt=\"Skjermbilde av personvernsenteret\">\n");
        foreach (var state in result.States)
        {
            var observed = result.Observations.Where(o => o.State == state.Name).ToList();
            var cookies = observed.SelectMany(o => o.Cookies).GroupBy(c => (c.Name, c.Domain)).Select(g => g.Last()).ToList();
            var requests = observed.SelectMany(o => o.Requests.Select(r => (o.Page, r))).ToList();
            html.Append($"<h2>Tilstand «{E(state.Name)}»</h2>\n<p>{E(state.Description)}. Samtykke til: {(state.Granted.Count == 0 ? "ingenting" : E(string.Join(", ", state.Granted.Order())))}.</p>\n");
            html.Append("<table><caption>Informasjonskapsler etter besøket</caption><thead><tr><th>Navn</th><th>Domene</th><th>Levetid</th><th>Satt av</th></tr></thead><tbody>\n");
            html.Append(cookies.Count == 0 ? "<tr><td colspan=\"4\">Ingen</td></tr>\n" : string.Concat(cookies.Select(c =>
                $"<tr><td>{E(c.Name)}</td><td>{E(c.Domain)}</td><td>{(c.LifetimeSeconds is { } s ? $"{Math.Round(s / 86400.0)} dager" : "økt")}</td><td>{E(c.SetBy ?? "ukjent")}</td></tr>\n")));
            html.Append("</tbody></table>\n<table><caption>Forespørsler til andre nettsteder</caption><thead><tr><th>Side</th><th>Adresse</th></tr></thead><tbody>\n");
            html.Append(requests.Count == 0 ? "<tr><td colspan=\"2\">Ingen</td></tr>\n" : string.Concat(requests.Select(r =>
                $"<tr><td>{E(r.Page)}</td><td>{E(r.r.Url)}{(r.r.Blocked ? " (blokkert)" : "")}</td></tr>\n")));
            html.Append("</tbody></table>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
