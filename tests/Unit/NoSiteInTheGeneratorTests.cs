using System.Text.RegularExpressions;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// The generator builds any site: its texts for readers (the report, the overlay, quotation marks, words for
/// lifetimes) come from the theme or the input, so no Norwegian is left in a string literal of generator/*.cs.
/// </summary>
public sealed partial class NoSiteInTheGeneratorTests
{
    /// <summary>Norwegian letters and quotation marks, and common Norwegian words that have no English look-alike.</summary>
    [GeneratedRegex(@"[æøåÆØÅ«»]|\b(?:ikke|og|eller|feil|siden|sider|bygget|samtykke|informasjonskapsler|personvern\w*|avvik|tilstand|dager|måned\w*|økt|minutt\w*|forespørsler|ingen|ingenting|ukjent|blokkert|skjermbilde|erklæringen|fant|funnet|heltid|deltid|stilling\w*|søknadsfrist|kontakt\w*|ansatt\w*|tittel|sidens|om-oss|forside\w*|oppdragsgiver\w*|beskrivelse|nettside\w*|velkommen|hei|takk)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Norwegian();

    /// <summary>The string literals of C# source, found with a small lexer that skips comments (which may quote the site).</summary>
    public static IEnumerable<(int Line, string Text)> StringLiterals(string source)
    {
        var i = 0;
        var line = 1;
        while (i < source.Length)
        {
            if (source[i] == '\n') { line++; i++; continue; }
            if (source.AsSpan(i).StartsWith("//")) { while (i < source.Length && source[i] != '\n') i++; continue; }
            if (source.AsSpan(i).StartsWith("/*")) { var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal); line += source.AsSpan(i, end - i).Count('\n'); i = end + 2; continue; }
            if (source[i] == '\'')
            {
                var end = i + 1;
                while (source[end] != '\'') end += source[end] == '\\' ? 2 : 1;
                yield return (line, source[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            if (source[i] != '"') { i++; continue; }
            var quotes = 0;
            while (i + quotes < source.Length && source[i + quotes] == '"') quotes++;
            var verbatim = i > 0 && (source[i - 1] == '@' || (i > 1 && source[i - 2] == '@'));
            int close;
            if (quotes >= 3)
            {
                close = source.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
                yield return (line, source[(i + quotes)..close]);
                line += source.AsSpan(i, close - i).Count('\n');
                i = close + quotes;
                continue;
            }
            if (quotes == 2) { i += 2; continue; } // ""
            close = i + 1;
            while (close < source.Length && source[close] != '"' || verbatim && close + 1 < source.Length && source[close] == '"' && source[close + 1] == '"')
                close += verbatim && source[close] == '"' ? 2 : !verbatim && source[close] == '\\' ? 2 : 1;
            yield return (line, source[(i + 1)..close]);
            line += source.AsSpan(i, close - i).Count('\n');
            i = close + 1;
        }
    }

    [Fact]
    public void No_string_literal_in_the_generator_is_Norwegian()
    {
        var found = new List<string>();
        var generator = Path.Combine(Paths.Repository, "generator");
        foreach (var file in Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            foreach (var (line, text) in StringLiterals(File.ReadAllText(file)))
                if (Norwegian().Match(text) is { Success: true } match)
                    found.Add($"{Path.GetRelativePath(Paths.Repository, file)}:{line}: '{match.Value}' in \"{(text.Length > 80 ? text[..80] + "..." : text)}\"");
        Assert.True(found.Count == 0, "Norwegian text in the generator; move it to the theme or the input:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("var a = \"Bygget feilet\";", "Bygget feilet")]
    [InlineData("var a = $\"{n} sider ble besøkt\";", "{n} sider ble besøkt")]
    [InlineData("var a = \"\"\"\n  <h1>Personvernrevisjon</h1>\n  \"\"\";", "\n  <h1>Personvernrevisjon</h1>\n  ")]
    [InlineData("var a = @\"C:\\æ\"\"x\";", "C:\\æ\"\"x")]
    [InlineData("var a = \"\\\"økt\\\"\";", "\\\"økt\\\"")]
    public void The_lexer_finds_every_kind_of_literal_and_the_check_sees_its_Norwegian(string source, string literal)
    {
        Assert.Contains(literal, StringLiterals(source).Select(l => l.Text));
        Assert.Matches(Norwegian(), literal);
    }

    [Theory]
    [InlineData("// Bygget feilet: a comment may quote the site\nvar a = \"build failed\";")]
    [InlineData("/* «sitat» */ var a = 'x';")]
    [InlineData("var a = \"the side of the page, and an ID\";")]
    public void Comments_and_English_pass(string source) =>
        Assert.DoesNotContain(StringLiterals(source), l => Norwegian().IsMatch(l.Text));
}
