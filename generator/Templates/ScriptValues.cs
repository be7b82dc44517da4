using Express.Site.Yaml;
using Scriban.Runtime;

namespace Express.Site.Templates;

/// <summary>Turns YAML values into Scriban's objects and arrays, keeping keys as written.</summary>
public static class ScriptValues
{
    public static object? From(object? value) => value switch
    {
        YamlMap map => FromMap(map),
        YamlList list => FromList(list),
        _ => value,
    };

    public static ScriptObject FromMap(IEnumerable<KeyValuePair<string, object?>> map)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in map) result[key] = From(value);
        return result;
    }

    private static ScriptArray FromList(YamlList list)
    {
        var result = new ScriptArray(list.Count);
        foreach (var item in list) result.Add(From(item));
        return result;
    }
}
