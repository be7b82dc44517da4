namespace Express.Site.Serving;

/// <summary>
/// Reads a Netlify _headers file the way Netlify applies it: every rule whose path pattern matches the request
/// contributes its headers (a trailing * matches any rest of the path). Written from Netlify's documentation; the
/// preview server, the audit and the tests serve the site with it.
/// </summary>
public sealed class NetlifyHeaders(IReadOnlyList<(string Pattern, List<(string Name, string Value)> Headers)> rules)
{
    public static NetlifyHeaders Parse(string text)
    {
        var rules = new List<(string, List<(string, string)>)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                rules.Add((line.Trim(), []));
                continue;
            }
            if (rules.Count == 0) throw new FormatException($"a header before any path: '{line}'");
            var colon = line.IndexOf(':');
            if (colon < 0) throw new FormatException($"not a 'Name: value' header line: '{line}'");
            rules[^1].Item2.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new NetlifyHeaders(rules);
    }

    /// <summary>The headers a request for <paramref name="path"/> gets.</summary>
    public IReadOnlyDictionary<string, string> For(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (pattern, headers) in rules)
            if (pattern.EndsWith('*') ? path.StartsWith(pattern[..^1], StringComparison.Ordinal) : path == pattern)
                foreach (var (name, value) in headers)
                    result[name] = result.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        return result;
    }
}
