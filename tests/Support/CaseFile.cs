namespace Express.Site.Tests.Support;

/// <summary>
/// One case of tests/Cases (see tests/Cases/README.md): a comment, the files it writes over the fixture site,
/// the files it deletes, and what the build must print.
/// </summary>
public sealed record CaseFile(string Name, string Comment, IReadOnlyList<(string Path, string Text)> Writes, IReadOnlyList<string> Deletes, IReadOnlyList<string> Expect)
{
    private const string ExpectHeader = "expect";
    private const string DeletePrefix = "delete:";

    /// <summary>Reads a case; <paramref name="name"/> (the path under tests/Cases) names it in every complaint.</summary>
    public static CaseFile Parse(string name, string text)
    {
        if (text.Contains('\r')) throw new FormatException($"{name}: use \\n line ends, not \\r\\n");
        var lines = text.Split('\n');
        if (lines[^1].Length == 0) lines = lines[..^1]; // the newline that ends the last line
        var comment = new List<string>();
        var writes = new List<(string, string)>();
        var deletes = new List<string>();
        List<string>? expect = null;
        string? current = null; // the section being read: a path, or "expect"
        var body = new List<string>();

        void Close()
        {
            if (current is null) return;
            if (current == ExpectHeader) expect = [.. body.Where(l => l.Trim().Length > 0).Select(l => l.Trim())];
            else writes.Add((current, body.Count == 0 ? "" : string.Join('\n', body) + "\n"));
            body.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var header = Header(lines[i]);
            if (header is null)
            {
                (current is null ? comment : body).Add(lines[i]);
                continue;
            }
            if (expect is not null || current == ExpectHeader)
                throw new FormatException($"{name}:{i + 1}: nothing may follow the '-- expect --' section");
            Close();
            if (header.StartsWith(DeletePrefix, StringComparison.Ordinal))
            {
                deletes.Add(CheckedPath(name, i, header[DeletePrefix.Length..].Trim()));
                current = null;
                continue;
            }
            current = header == ExpectHeader ? ExpectHeader : CheckedPath(name, i, header);
        }
        if (current is null || current != ExpectHeader)
        {
            Close();
            throw new FormatException($"{name}: the last section must be '-- expect --'");
        }
        Close();
        if (string.IsNullOrWhiteSpace(string.Join("", comment)))
            throw new FormatException($"{name}: start with a comment that says what the case is about");
        if (expect!.Count == 0) throw new FormatException($"{name}: the '-- expect --' section is empty");
        return new CaseFile(name, string.Join('\n', comment).Trim(), writes, deletes, expect);
    }

    /// <summary>The name inside "-- NAME --", or null when the line is no section header.</summary>
    private static string? Header(string line) =>
        line.StartsWith("-- ", StringComparison.Ordinal) && line.EndsWith(" --", StringComparison.Ordinal) && line.Length > 6
            ? line[3..^3].Trim()
            : null;

    private static string CheckedPath(string name, int index, string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Split('/').Any(p => p is "" or "." or ".."))
            throw new FormatException($"{name}:{index + 1}: '{path}' must be a relative path inside the site, such as input/kontakt.md");
        if (!path.StartsWith("input/", StringComparison.Ordinal) && !path.StartsWith("theme/", StringComparison.Ordinal))
            throw new FormatException($"{name}:{index + 1}: '{path}' must be under input/ or theme/");
        return path;
    }
}
