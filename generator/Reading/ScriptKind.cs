using Express.Site.Reading.Light;

namespace Express.Site.Reading;

/// <summary>What a browser does with a &lt;script&gt; element, by the HTML standard's "prepare the script element".</summary>
public enum ScriptKind { Classic, Module, ImportMap, SpeculationRules, DataBlock }

public static class ScriptKinds
{
    /// <summary>The HTML standard's JavaScript MIME type essences: a script of any of these types runs.</summary>
    public static readonly IReadOnlySet<string> JavaScriptMimeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
        "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
        "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
        "text/x-ecmascript", "text/x-javascript",
    };

    /// <summary>The kind of a script element from its type and language attributes.</summary>
    public static ScriptKind Of(LightElement script) => Of(script.GetAttribute("type"), script.GetAttribute("language"));

    public static ScriptKind Of(string? type, string? language)
    {
        string typeString;
        if (type is not null) typeString = type.Length == 0 ? "text/javascript" : type.Trim(' ', '\t', '\n', '\f', '\r');
        else typeString = string.IsNullOrEmpty(language) ? "text/javascript" : "text/" + language;
        var lower = typeString.ToLowerInvariant();
        if (JavaScriptMimeTypes.Contains(lower)) return ScriptKind.Classic;
        return lower switch
        {
            "module" => ScriptKind.Module,
            "importmap" => ScriptKind.ImportMap,
            "speculationrules" => ScriptKind.SpeculationRules,
            _ => ScriptKind.DataBlock,
        };
    }

    /// <summary>Classic and module scripts run code; import maps and speculation rules are read as data with URLs.</summary>
    public static bool RunsCode(this ScriptKind kind) => kind is ScriptKind.Classic or ScriptKind.Module;
}
