using System.Collections;
using Express.Site.Core;

namespace Express.Site.Yaml;

/// <summary>
/// A YAML mapping read into plain values (string, bool, long, double, DateTime, YamlList, YamlMap or null),
/// keeping where each key was written so that errors can point at the line.
/// </summary>
public sealed class YamlMap : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values;
    private readonly Dictionary<string, SourceLocation> _keyLocations;
    private readonly List<string> _order;

    public YamlMap(SourceLocation location) : this(location, [], [], []) { }

    internal YamlMap(SourceLocation location, Dictionary<string, object?> values,
        Dictionary<string, SourceLocation> keyLocations, List<string> order)
    {
        Location = location;
        _values = values;
        _keyLocations = keyLocations;
        _order = order;
    }

    /// <summary>Where the mapping starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>Where <paramref name="key"/> is written, or the mapping's own location when it is absent.</summary>
    public SourceLocation LocationOf(string key) => _keyLocations.GetValueOrDefault(key, Location);

    public object? this[string key] => _values[key];
    public IEnumerable<string> Keys => _order;
    public IEnumerable<object?> Values => _order.Select(k => _values[k]);
    public int Count => _order.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);
    public object? GetValueOrDefault(string key) => _values.GetValueOrDefault(key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<string, object?>(k, _values[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A YAML sequence read into plain values, keeping where each item was written.</summary>
public sealed class YamlList(SourceLocation location, IReadOnlyList<object?> items, IReadOnlyList<SourceLocation> itemLocations)
    : IReadOnlyList<object?>
{
    public SourceLocation Location { get; } = location;
    public SourceLocation LocationOf(int index) => itemLocations[index];
    public object? this[int index] => items[index];
    public int Count => items.Count;
    public IEnumerator<object?> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
