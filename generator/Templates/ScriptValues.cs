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

    /// <summary>
    /// Makes every object and array reachable from <paramref name="value"/> read-only. What templates see is shared by
    /// every page, rendered in parallel: a template that changed it would change other pages, in no fixed order.
    /// Changing it is a template error at the line that tries.
    /// </summary>
    public static void Freeze(object? value)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object?>([value]);
        while (pending.TryPop(out var next))
        {
            // What is read-only already was frozen with all it holds (a page object, frozen where it is made).
            if (next is not (ScriptObject { IsReadOnly: false } or ScriptArray { IsReadOnly: false }) || !seen.Add(next)) continue;
            if (next is ScriptObject map)
            {
                foreach (var member in map.Values) pending.Push(member);
                map.IsReadOnly = true;
            }
            else if (next is ScriptArray list)
            {
                foreach (var item in list) pending.Push(item);
                list.IsReadOnly = true;
            }
        }
    }

    private static ScriptArray FromList(YamlList list)
    {
        var result = new ScriptArray(list.Count);
        foreach (var item in list) result.Add(From(item));
        return result;
    }
}
