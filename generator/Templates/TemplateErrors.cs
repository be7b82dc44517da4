using Express.Site.Core;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Express.Site.Templates;

/// <summary>Turns Scriban's errors into diagnostics that point at the template file and line.</summary>
public static class TemplateErrors
{
    public const string SyntaxFix = "check the Scriban syntax near this place: every '{{' needs its '}}', every 'if'/'for' its 'end' (https://github.com/scriban/scriban/blob/master/doc/language.md)";

    /// <param name="lineOffsets">Per template file, the lines of front matter above the template text.</param>
    public static SiteException FromRuntime(ScriptRuntimeException e, Func<string, int> lineOffsets)
    {
        var message = e.OriginalMessage ?? e.Message;
        // Scriban says this of a read-only object (ScriptValues.Freeze) behind "Unexpected exception while accessing…".
        if (message.EndsWith("The object is readonly", StringComparison.Ordinal)) message = "this changes a value that every page shares, which is read-only";
        var fix = message.Contains("iteration limit", StringComparison.Ordinal)
            ? "a loop that never ends? Check the condition of this 'while', or the range of this 'for' (a loop may repeat at most " +
              $"{TemplateLimits.Default.LoopIterations} times)"
            : message.Contains("readonly", StringComparison.Ordinal) || message.Contains("read-only", StringComparison.Ordinal)
            ? "page, site, the data files and the functions are shared by every page and cannot be changed; assign to a variable of your own instead (my_title = page.title | string.upcase)"
            : message.Contains("not found", StringComparison.OrdinalIgnoreCase) || message.Contains("variable", StringComparison.OrdinalIgnoreCase)
            ? "check the spelling; the variables are page, site, content, the data files in input/_data/ by name, and the functions asset, json and include"
            : message.StartsWith("unknown partial", StringComparison.Ordinal) || message.StartsWith("unknown asset", StringComparison.Ordinal)
                ? "check the name against the files in the theme"
                : "fix the expression at this place in the template";
        return new SiteException(Locate(e.Span, lineOffsets), $"template error: {message}", fix);
    }

    public static SiteException TooSlow(ScriptRuntimeException e, TemplateLimits limits, Func<string, int> lineOffsets) =>
        new(Locate(e.Span, lineOffsets), $"template error: rendering this page took longer than {limits.TimePerRender.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s and was stopped here",
            "a loop that never ends? Check the condition of each 'while' and the range of each 'for' near this line");

    /// <summary>Whether Scriban stopped a render at the output limit (<see cref="TemplateLimits.OutputCharacters"/>).</summary>
    public static bool IsOverLimit(ScriptRuntimeException e) => (e.OriginalMessage ?? e.Message) is var message
        && (message.StartsWith("Rendered output exceeds OutputLimit", StringComparison.Ordinal) || message.StartsWith("String conversion reaches LimitToString", StringComparison.Ordinal));

    public static SiteException OutputTooLarge(string pagePath, TemplateLimits limits) =>
        new(new SourceLocation(pagePath), $"template error: the page grew to {limits.OutputCharacters} characters, the most a page may have, and was stopped",
            "split the page into several pages, or check for a loop that repeats the text without end");

    public static SiteException FromParse(LogMessage message, Func<string, int> lineOffsets) =>
        new(Locate(message.Span, lineOffsets), $"template syntax error: {message.Message}", SyntaxFix);

    private static SourceLocation Locate(SourceSpan span, Func<string, int> lineOffsets) =>
        new(span.FileName ?? "(template)", span.Start.Line + 1 + lineOffsets(span.FileName ?? ""), span.Start.Column + 1);
}
