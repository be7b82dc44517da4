using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Scriban;
using Scriban.Runtime;

namespace Express.Site.Audit;

/// <summary>
/// Writes the evidence of an audit: report.json with every observation, and index.html for a reader who is not a
/// developer, rendered by the theme's Scriban template <see cref="TemplatePath"/> (in the site's language): per
/// consent state the cookies and third-party requests, the findings, the screenshots, the revision and the date.
/// </summary>
public static class AuditReport
{
    /// <summary>The report's template, relative to the theme folder.</summary>
    public const string TemplatePath = "audit/report.html";

    // Generated serialization code (AuditJson), not reflection: the release build is trimmed and compiled ahead of time.
    private static readonly JsonTypeInfo<AuditResult> Json = (JsonTypeInfo<AuditResult>)new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = AuditJson.Default,
    }.GetTypeInfo(typeof(AuditResult));

    /// <exception cref="InvalidOperationException">when the theme has no report template, or it does not parse or render.</exception>
    public static void Write(AuditResult result, string folder, string themeDir)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(result, Json));
        File.WriteAllText(Path.Combine(folder, "index.html"), Html(result, folder, themeDir));
    }

    private static string Html(AuditResult result, string folder, string themeDir)
    {
        var file = Path.Combine(themeDir, TemplatePath);
        if (!File.Exists(file))
            throw new InvalidOperationException($"the theme has no {TemplatePath} ({file}) for the audit report; add one, or pass the theme with --theme DIR (report.json is written)");
        var template = Template.Parse(File.ReadAllText(file), file);
        if (template.HasErrors) throw new InvalidOperationException($"the audit report template does not parse: {string.Join("; ", template.Messages)}");
        var context = new TemplateContext { StrictVariables = true };
        Templates.TemplateFunctions.ReplaceHtmlEscape(context.BuiltinObject); // escapes markup only, keeps letters readable
        context.PushGlobal(Model(result, folder));
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"the audit report template failed: {e.Message}");
        }
    }

    /// <summary>What the template sees: <c>audit</c> with the date, revision, counts, findings, screenshots and one entry per state.</summary>
    private static ScriptObject Model(AuditResult result, string folder)
    {
        var states = new ScriptArray();
        foreach (var state in result.States)
        {
            var observed = result.Observations.Where(o => o.State == state.Name).ToList();
            var cookies = new ScriptArray(observed.SelectMany(o => o.Cookies).GroupBy(c => (c.Name, c.Domain)).Select(g => g.Last()).Select(c => new ScriptObject
            {
                ["name"] = c.Name, ["domain"] = c.Domain, ["set_by"] = c.SetBy,
                ["lifetime_days"] = c.LifetimeSeconds is { } s ? (object)Math.Round(s / 86400.0) : null,
            }));
            var requests = new ScriptArray(observed.SelectMany(o => o.Requests.Select(r => new ScriptObject { ["page"] = o.Page, ["url"] = r.Url, ["blocked"] = r.Blocked })));
            states.Add(new ScriptObject
            {
                ["name"] = state.Name, ["description"] = state.Description, ["granted"] = new ScriptArray(state.Granted.Order(StringComparer.Ordinal)),
                ["cookies"] = cookies, ["requests"] = requests,
            });
        }
        var audit = new ScriptObject
        {
            ["date"] = result.Date.UtcDateTime,
            ["revision"] = result.Revision,
            ["page_count"] = result.Pages.Count,
            ["state_count"] = result.States.Count,
            ["seconds"] = Math.Round(result.Duration.TotalSeconds),
            ["findings"] = new ScriptArray(result.Findings.Select(f => new ScriptObject { ["page"] = f.Page, ["state"] = f.State, ["what"] = f.What, ["why"] = f.Why })),
            ["screenshots"] = File.Exists(Path.Combine(folder, "banner.png")),
            ["states"] = states,
        };
        return new ScriptObject { ["audit"] = audit };
    }
}

[JsonSerializable(typeof(AuditResult))]
internal sealed partial class AuditJson : JsonSerializerContext;
