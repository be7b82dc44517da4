using Express.Site.Yaml;

namespace Express.Site.Model;

/// <summary>Typed reads of front matter or data values, through the one typed YAML reader (<see cref="YamlValues"/>).</summary>
public static class FrontMatterValues
{
    public static string? OptionalString(YamlMap map, string key) => map.OptionalString(key);

    public static string RequiredString(YamlMap map, string key, string example) =>
        map.RequiredString(key, $"add a line '{key}: {example}' to the front matter");

    public static DateTime? OptionalDate(YamlMap map, string key) => map.OptionalDate(key);

    public static bool OptionalBool(YamlMap map, string key, bool fallback) => map.OptionalBool(key, fallback);

    public static int? OptionalInt(YamlMap map, string key) => map.OptionalInt(key);

    public static IReadOnlyList<string> OptionalStringList(YamlMap map, string key) => map.OptionalStringList(key);

    public static YamlMap? OptionalMap(YamlMap map, string key) => map.OptionalMap(key);
}
