using Express.Site.Core;
using Express.Site.Model;

namespace Express.Site.Templates;

/// <summary>
/// Finds where a piece of generated HTML was written by an editor: in the page's own source first, then in the
/// theme's templates, then in the data files. The output line is the last resort.
/// </summary>
public static class SourceLineFinder
{
    public static SourceLocation Find(string text, Page page, TemplateLibrary? templates, int outputLine, IEnumerable<SourceFile>? dataFiles = null)
    {
        if (TryFind(text, page, templates, dataFiles) is { } found) return found;
        if (outputLine <= 0 && text.Length > 0 && Locate(page.Html, text, "") is { } inOutput) outputLine = inOutput.Line;
        return page.Source.At() with { File = $"{page.Source.Path} (output {page.OutputPath}, line {outputLine})" };
    }

    /// <summary>Where an editor wrote <paramref name="text"/>; null when no source holds it as written.</summary>
    public static SourceLocation? TryFind(string text, Page page, TemplateLibrary? templates, IEnumerable<SourceFile>? dataFiles = null)
    {
        if (text.Length == 0) return null;
        if (Locate(page.Source.Text, text, page.Source.Path) is { } inPage) return inPage;
        foreach (var template in templates?.All ?? [])
            if (Locate(template.File.Text, text, template.Path) is { } inTemplate)
                return inTemplate;
        foreach (var data in dataFiles ?? [])
            if (Locate(data.Text, text, data.Path) is { } inData)
                return inData;
        return null;
    }

    private static SourceLocation? Locate(string haystack, string needle, string file)
    {
        var at = haystack.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0) return null;
        var lineStart = haystack.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        var line = haystack.AsSpan(0, at).Count('\n') + 1;
        return new SourceLocation(file, line, at - lineStart + 1);
    }
}
