using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Express.Site.Model;
using Scriban.Runtime;

namespace Express.Site.Templates;

/// <summary>The functions the generator adds to Scriban's own: <c>asset</c> and <c>json</c>.</summary>
public static class TemplateFunctions
{
    public static void Import(ScriptObject globals, AssetManifest assets)
    {
        // Typed delegates, not Import(name, Delegate): Scriban reads those by reflection, which the trimmed release build lacks.
        globals.SetValue("asset", DelegateCustomFunction.CreateFunc(new Func<string, string>(path =>
            assets.UrlFor(path) ?? throw new ArgumentException(
                $"unknown asset '{path}': there is no file assets/{path.TrimStart('/')} in the theme"))), readOnly: true);
        globals.SetValue("json", DelegateCustomFunction.CreateFunc(new Func<object?, string>(value =>
        {
            if (value is SiteScriptObject) TemplateDependencies.UsedAllLists(); // reads every member of site
            return ToJson(value);
        })), readOnly: true);
    }

    /// <summary>
    /// Scriban's html.escape turns every non-ASCII letter into a numeric entity ("&amp;#230;" for æ). The site is
    /// Norwegian and UTF-8, so only the characters that are markup are escaped.
    /// </summary>
    public static void ReplaceHtmlEscape(ScriptObject builtins)
    {
        if (builtins["html"] is ScriptObject html)
            html.SetValue("escape", DelegateCustomFunction.CreateFunc(new Func<string?, string?>(HtmlEscape)), readOnly: true);
    }

    /// <summary>
    /// Scriban's builtins keep settings a template could change (date.format, how a date prints): read-only, as the
    /// model is, so no page renders differently after another (<see cref="ScriptValues.Freeze"/>).
    /// </summary>
    public static void FreezeSettings(ScriptObject builtins)
    {
        foreach (var value in builtins.Values)
            if (value is ScriptObject functions)
            {
                foreach (var member in functions.Keys.ToList()) functions.SetReadOnly(member, true);
                functions.IsReadOnly = true;
            }
    }

    public static string? HtmlEscape(string? text) => text is null || text.AsSpan().IndexOfAny("&<>\"'") < 0
        ? text
        : text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    // Escapes <, >, & and quotes as \u escapes, so the text is safe inside a <script> element; keeps æ, ø, å readable.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>A Scriban value as JSON, safe to put inside a &lt;script&gt; element. Null members are left out.</summary>
    public static string ToJson(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions)) Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case DateTime d: writer.WriteStringValue(d.TimeOfDay == TimeSpan.Zero
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : d.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)); break;
            case int or long or short or byte: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double or float or decimal: writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)); break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    if (item is null) continue;
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
