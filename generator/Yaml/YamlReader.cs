using System.Globalization;
using System.Text.RegularExpressions;
using Express.Site.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Express.Site.Yaml;

/// <summary>
/// Reads a YAML document into <see cref="YamlMap"/> values. Plain scalars are typed the way editors expect
/// (true/false, integers, decimals, dates); quoted scalars stay strings. Every error names file, line and column.
/// </summary>
public static partial class YamlReader
{
    /// <param name="text">The YAML text.</param>
    /// <param name="file">The file it came from, as shown in errors.</param>
    /// <param name="firstLine">The line in <paramref name="file"/> where <paramref name="text"/> starts (1-based).</param>
    public static YamlMap ReadMap(string text, string file, int firstLine = 1)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw NotValid(file, (int)e.Start.Line + firstLine - 1, (int)e.Start.Column, Describe(e));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (e.g. an unclosed '['); the last event read tells where.
            throw NotValid(file, (int)parser.LastMark.Line + firstLine - 1, (int)parser.LastMark.Column, "it ends in the middle of a value");
        }

        var lineOffset = firstLine - 1;
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new YamlMap(new SourceLocation(file, firstLine));
        if (stream.Documents.Count > 1)
            throw new SiteException(Locate(stream.Documents[1].RootNode, file, lineOffset),
                "this YAML holds more than one document", "remove the extra '---' line");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SiteException(Locate(stream.Documents[0].RootNode, file, lineOffset),
                "expected 'key: value' lines at the top level", "write the data as a mapping, e.g. 'title: Home'");
        return ReadMapping(root, file, lineOffset);
    }

    private static SiteException NotValid(string file, int line, int column, string why) => new(
        new SourceLocation(file, line, column),
        $"this is not valid YAML: {why}",
        "check the indentation (spaces, not tabs), that every 'key: value' has a space after the colon, that every " +
        "'[' or '{' is closed, and quote values that contain ': ' or start with a special character (\" ' { [ * & ! | > % @)");

    /// <summary>Remembers where the last YAML event ended, for errors the parser reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastMark { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) LastMark = current.End;
            return moved;
        }
    }

    private static object? ReadNode(YamlNode node, string file, int lineOffset) => node switch
    {
        YamlMappingNode map => ReadMapping(map, file, lineOffset),
        YamlSequenceNode seq => ReadSequence(seq, file, lineOffset),
        YamlScalarNode scalar => ReadScalar(scalar),
        _ => throw new SiteException(Locate(node, file, lineOffset), "unsupported YAML node", null),
    };

    private static YamlMap ReadMapping(YamlMappingNode node, string file, int lineOffset)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var at = Locate(keyNode, file, lineOffset);
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                throw new SiteException(at, "a key must be a plain name", "write 'name: value'");
            values.Add(key, ReadNode(valueNode, file, lineOffset)); // YamlDotNet has rejected duplicate keys already
            locations[key] = at;
            order.Add(key);
        }
        return new YamlMap(Locate(node, file, lineOffset), values, locations, order);
    }

    private static YamlList ReadSequence(YamlSequenceNode node, string file, int lineOffset) => new(
        Locate(node, file, lineOffset),
        node.Children.Select(child => ReadNode(child, file, lineOffset)).ToList(),
        node.Children.Select(child => Locate(child, file, lineOffset)).ToList());

    private static object? ReadScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return text;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        if (DecimalPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        if (DatePattern().IsMatch(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return date;
        return text;
    }

    private static SourceLocation Locate(YamlNode node, string file, int lineOffset) =>
        new(file, (int)node.Start.Line + lineOffset, (int)node.Start.Column);

    private static string Describe(YamlException e)
    {
        var message = (e.InnerException as YamlException)?.Message ?? e.Message;
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is shown already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).Trim().TrimEnd('.');
    }

    // No leading zeros or plus signs: "0180" (a postal code) and "+4792088686" (a phone number) stay text.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[-+]\d{2}(:?\d{2})?)?)?$")]
    private static partial Regex DatePattern();
}
