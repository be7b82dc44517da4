using System.Globalization;
using Express.Site.Core;

namespace Express.Site.Yaml;

/// <summary>
/// The one typed reader of YAML values, for front matter, site.yml and the privacy data alike: text (numbers and
/// booleans read as their text), true/false, dates, whole numbers, lists of texts and mappings. A value of the wrong
/// type is an error at its line that says what to write; a missing required value is an error at the mapping.
/// </summary>
public static class YamlValues
{
    public static string? OptionalString(this YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        string s => s,
        long or double or bool => Convert.ToString(map[key], CultureInfo.InvariantCulture),
        _ => throw WrongType(map, key, "text", $"{key}: some text"),
    };

    /// <param name="fix">what to tell the editor when the value is missing or empty.</param>
    public static string RequiredString(this YamlMap map, string key, string fix)
    {
        var value = map.OptionalString(key);
        if (string.IsNullOrWhiteSpace(value)) throw Missing(map, key, "", fix);
        return value;
    }

    public static DateTime? OptionalDate(this YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        DateTime d => d,
        _ => throw WrongType(map, key, "a date", $"{key}: 2026-12-31"),
    };

    public static bool OptionalBool(this YamlMap map, string key, bool fallback) => map.GetValueOrDefault(key) switch
    {
        null => fallback,
        bool b => b,
        _ => throw WrongType(map, key, "true or false", $"{key}: true"),
    };

    public static int? OptionalInt(this YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        long n and >= int.MinValue and <= int.MaxValue => (int)n,
        _ => throw WrongType(map, key, "a whole number", $"{key}: 3"),
    };

    /// <summary>A list of texts; a single text counts as a list of one.</summary>
    public static IReadOnlyList<string> OptionalStringList(this YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => [],
        string one => [one],
        YamlList list when list.All(item => item is string) => [.. list.Cast<string>()],
        _ => throw WrongType(map, key, "a list of texts", $"{key}: [a, b]"),
    };

    /// <summary>A list of one or more non-empty texts.</summary>
    public static IReadOnlyList<string> RequiredStringList(this YamlMap map, string key)
    {
        var list = map.OptionalStringList(key);
        if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace))
            throw new SiteException(map.ContainsKey(key) ? map.LocationOf(key) : map.Location, $"'{key}' must be a list of one or more texts", $"write '{key}: [a, b]'");
        return list;
    }

    public static YamlMap? OptionalMap(this YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        YamlMap m => m,
        _ => throw WrongType(map, key, "a mapping of 'name: value' lines", $"{key}:\n  name: value"),
    };

    /// <param name="what">what the mapping holds, for the message.</param>
    public static YamlMap RequiredMap(this YamlMap map, string key, string what, string fix) =>
        map.OptionalMap(key) is { Count: > 0 } m ? m : throw Missing(map, key, what, fix);

    public static SiteException Missing(YamlMap map, string key, string what, string fix) =>
        new(map.ContainsKey(key) ? map.LocationOf(key) : map.Location with { Column = 0 }, $"'{key}' is missing or empty{(what.Length > 0 ? $": {what}" : "")}", fix);

    private static SiteException WrongType(YamlMap map, string key, string expected, string example) =>
        new(map.LocationOf(key), $"'{key}' must be {expected}", $"write it as '{example}'");
}
