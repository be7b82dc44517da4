using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Steps.Validate;

/// <summary>Typed reads of front matter or data values; a value of the wrong type is an error at its line.</summary>
public static class FrontMatterValues
{
    public static string? OptionalString(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        string s => s,
        long or double or bool => Convert.ToString(map[key], System.Globalization.CultureInfo.InvariantCulture),
        _ => throw WrongType(map, key, "text", $"{key}: some text"),
    };

    public static string RequiredString(YamlMap map, string key, string example)
    {
        var value = OptionalString(map, key);
        if (string.IsNullOrWhiteSpace(value))
            throw new SiteException(map.ContainsKey(key) ? map.LocationOf(key) : map.Location with { Column = 0 },
                $"'{key}' is missing or empty", $"add a line '{key}: {example}' to the front matter");
        return value;
    }

    public static DateTime? OptionalDate(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        DateTime d => d,
        _ => throw WrongType(map, key, "a date", $"{key}: 2026-12-31"),
    };

    public static bool OptionalBool(YamlMap map, string key, bool fallback) => map.GetValueOrDefault(key) switch
    {
        null => fallback,
        bool b => b,
        _ => throw WrongType(map, key, "true or false", $"{key}: true"),
    };

    public static int? OptionalInt(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        long n and >= int.MinValue and <= int.MaxValue => (int)n,
        _ => throw WrongType(map, key, "a whole number", $"{key}: 3"),
    };

    public static IReadOnlyList<string> OptionalStringList(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => [],
        YamlList list when list.All(item => item is string) => list.Cast<string>().ToList(),
        _ => throw WrongType(map, key, "a list of names", $"{key}: [a, b]"),
    };

    public static YamlMap? OptionalMap(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        null => null,
        YamlMap m => m,
        _ => throw WrongType(map, key, "a mapping of 'name: value' lines", $"{key}:\n  name: value"),
    };

    private static SiteException WrongType(YamlMap map, string key, string expected, string example) =>
        new(map.LocationOf(key), $"'{key}' must be {expected}", $"write it as '{example}'");
}
