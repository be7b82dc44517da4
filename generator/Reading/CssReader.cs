using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using AngleSharp.Text;

namespace Express.Site.Reading;

/// <summary>A URL a style sheet makes the browser fetch, with its line in the style sheet (1-based).</summary>
public sealed record CssUrl(string Url, int Line);

/// <summary>
/// Finds every URL a style sheet fetches with AngleSharp.Css's CSS tokenizer (CSS Syntax Level 3), so escapes,
/// comments and quoting read as a browser reads them: url() tokens anywhere (nested rules, custom properties and
/// unknown at-rules included, since a browser may use them), url("…") and src("…"), every string in image-set(),
/// and @import "…". Reading tokens, not the CSSOM, means nothing is lost to a rule the parser does not know.
/// </summary>
public static class CssReader
{
    // AngleSharp.Css keeps its tokenizer internal; its parser drops what it does not understand (CSS nesting, for
    // one), which a browser would still load. The tokenizer is the part that must match the standard, so it is used
    // directly. A package update that changes it fails CssReaderTests at once. The types are named by literal strings
    // and the enum's names kept, so the trimmed, ahead-of-time compiled release build keeps all of it; the self-check
    // below fails loudly (not by finding no URLs) should anything be missing there.
    private const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors
        | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods
        | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties;

    [DynamicallyAccessedMembers(Members)]
    private static readonly Type TokenizerType = Type.GetType("AngleSharp.Css.Parser.CssTokenizer, AngleSharp.Css", throwOnError: true)!;

    [DynamicallyAccessedMembers(Members)]
    private static readonly Type TokenType = Type.GetType("AngleSharp.Css.Parser.Tokens.CssToken, AngleSharp.Css", throwOnError: true)!;

    private static readonly Func<TextSource, object> NewTokenizer = CreateConstructor();
    private static readonly Func<object, object> NextToken = CreateGetter(TokenizerType, "Get", method: true);
    private static readonly Func<object, object> TypeOf = CreateGetter(TokenType, "Type", method: false);
    private static readonly Func<object, object> DataOf = CreateGetter(TokenType, "Data", method: false);
    private static readonly Func<object, object> PositionOf = CreateGetter(TokenType, "Position", method: false);

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicFields, "AngleSharp.Css.Parser.CssTokenType", "AngleSharp.Css")] // its names
    static CssReader()
    {
        if (Urls("a{b:url(c)}") is not [{ Url: "c", Line: 1 }])
            throw new InvalidOperationException("AngleSharp.Css's CSS tokenizer cannot be read in this build: CssReader finds no url() in 'a{b:url(c)}'");
    }

    private readonly record struct Token(string Type, string Data, int Line);

    public static IReadOnlyList<CssUrl> Urls(string css)
    {
        var urls = new List<CssUrl>();
        var tokens = Tokens(css).Where(t => t.Type is not ("Whitespace" or "Comment")).ToList();
        var imageSetDepth = 0; // > 0 inside image-set(…): its strings are URLs
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Type)
            {
                case "Url" or "BadUrl":
                    urls.Add(new CssUrl(token.Data, token.Line));
                    break;
                case "Function":
                    depth++;
                    var name = token.Data.ToLowerInvariant();
                    if (name is "url" or "src" && i + 1 < tokens.Count && tokens[i + 1].Type == "String") urls.Add(new CssUrl(tokens[i + 1].Data, token.Line));
                    if (name is "image-set" or "-webkit-image-set" && imageSetDepth == 0) imageSetDepth = depth;
                    break;
                case "RoundBracketOpen":
                    depth++;
                    break;
                case "RoundBracketClose":
                    if (depth == imageSetDepth) imageSetDepth = 0;
                    depth = Math.Max(0, depth - 1);
                    break;
                case "String" when imageSetDepth > 0:
                    urls.Add(new CssUrl(token.Data, token.Line));
                    break;
                case "AtKeyword" when token.Data.Equals("import", StringComparison.OrdinalIgnoreCase) && i + 1 < tokens.Count && tokens[i + 1].Type == "String":
                    urls.Add(new CssUrl(tokens[i + 1].Data, token.Line));
                    break;
            }
        }
        return urls;
    }

    private static IEnumerable<Token> Tokens(string css)
    {
        var tokenizer = NewTokenizer(new TextSource(css));
        while (true)
        {
            var token = NextToken(tokenizer);
            var type = TypeOf(token).ToString()!;
            if (type == "EndOfFile") yield break;
            yield return new Token(type, (string)DataOf(token), ((TextPosition)PositionOf(token)).Line);
        }
    }

    // MethodInvoker, not compiled expressions: the release build is compiled ahead of time, where an expression tree
    // is interpreted, a few microseconds a call; site.css alone is thousands of tokens.
    private static Func<TextSource, object> CreateConstructor()
    {
        var constructor = TokenizerType.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(TextSource)])
                          ?? throw new InvalidOperationException("AngleSharp.Css's CssTokenizer(TextSource) is gone");
        var invoker = ConstructorInvoker.Create(constructor);
        return source => invoker.Invoke(source);
    }

    private static Func<object, object> CreateGetter([DynamicallyAccessedMembers(Members)] Type type, string name, bool method)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var target = method
            ? type.GetMethod(name, flags, []) ?? throw new InvalidOperationException($"AngleSharp.Css's {type.Name}.{name}() is gone")
            : type.GetProperty(name, flags)?.GetMethod ?? throw new InvalidOperationException($"AngleSharp.Css's {type.Name}.{name} is gone");
        var invoker = MethodInvoker.Create(target);
        return instance => invoker.Invoke(instance)!;
    }
}
