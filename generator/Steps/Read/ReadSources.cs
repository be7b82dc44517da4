using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// Finds the input: every Markdown file becomes a page; every other file is copied as it is.
/// Files and folders whose names start with '_' or '.' are not published, except Netlify's own files at the top
/// (_redirects, _headers), which are copied so that later steps can use or refuse them.
/// </summary>
public sealed class ReadSources : IBuildStep
{
    public string Name => "read";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var input = context.Options.InputDir;
        var all = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(path => !IsHidden(Path.GetRelativePath(input, path)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var markdown = all.Where(IsMarkdown).ToList();
        var pages = context.Map(markdown, path => new Page(TextFileReader.Read(path, context.Display(path))));
        var copies = all.Where(path => !IsMarkdown(path)).Select(path => OutputFile.Copy(
            Path.GetRelativePath(input, path).Replace('\\', '/'), new SourceLocation(context.Display(path)), path));
        return site with { Pages = pages, Files = [.. site.Files, .. copies] };
    }

    public string Summarize(SiteState site) => $"{site.Pages.Length} pages, {site.Files.Length} other files";

    private static bool IsMarkdown(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> NetlifyFiles = ["_redirects", "_headers"];

    private static bool IsHidden(string relativePath) => !NetlifyFiles.Contains(relativePath) &&
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('_') || part.StartsWith('.'));
}
