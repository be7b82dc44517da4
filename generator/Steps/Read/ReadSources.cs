using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// Finds the input: every Markdown file becomes a page; other files are copied as they are when their type is one
/// the site publishes (<see cref="PublishableFiles"/>), else left out with a warning.
/// Files and folders whose names start with '_' or '.' are not published, except Netlify's own files at the top
/// (_redirects, _headers), which are copied so that later steps can use or refuse them.
/// Symlinks are followed only inside input/ (<see cref="FolderWalker"/>).
/// </summary>
public sealed class ReadSources : IBuildStep
{
    private readonly SourceFileCache _files = new();
    private readonly StepMemo<SourceFile, Page> _pages = new();

    public string Name => "read";

    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Sources };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var input = context.Options.InputDir;
        var listed = _listing is not null && ListingStillValid(context, input);
        if (!listed)
        {
            var all = FolderWalker.Files(input, context, IsHidden);
            if (context.Diagnostics.HasErrors) return site;
            (_listing, _listed, _markdown, _others, _sources) = (all, all.ToHashSet(StringComparer.Ordinal), [.. all.Where(IsMarkdown)], [.. all.Where(path => !IsMarkdown(path))], []);
        }
        _files.Begin(_markdown);
        var sources = listed && _sources.Length == _markdown.Count ? ReadChanged(context) : context.Map(_markdown, path => _files.Read(path, context));
        if (context.Diagnostics.HasErrors) return site;
        _sources = context.RunsAgain ? [.. sources] : [];
        // An unchanged file keeps its page object, so later steps can reuse their work on it.
        var pages = context.Map(sources, _pages, shared: null, source => new Page(source));
        var copies = new List<OutputFile>();
        foreach (var path in _others)
        {
            var relative = Path.GetRelativePath(input, path).Replace('\\', '/');
            var at = new SourceLocation(context.Display(path));
            if (NetlifyFiles.Contains(relative) || PublishableFiles.WhyNotPublished(Path.GetFileName(path), themeAsset: false) is not { } reason)
                copies.Add(OutputFile.Copy(relative, at, path));
            else
                context.Report(Diagnostic.Warning(at, $"not published: {reason.Why}", reason.Fix));
        }
        return site with { Pages = pages, Files = [.. site.Files, .. copies] };
    }

    // The input folder as the last run listed it, its Markdown files and the others, and the sources the last run read.
    private IReadOnlyList<string>? _listing;
    private HashSet<string> _listed = [];
    private List<string> _markdown = [];
    private List<string> _others = [];
    private SourceFile[] _sources = [];

    /// <summary>The last run's sources, with the files the watcher reported read again: the others are not even looked at.</summary>
    private IReadOnlyList<SourceFile> ReadChanged(BuildContext context)
    {
        var sources = _sources.ToArray();
        var changed = Enumerable.Range(0, _markdown.Count).Where(i => context.MayHaveChanged(_markdown[i])).ToList();
        foreach (var (i, source) in context.Map(changed, i => (i, _files.Read(_markdown[i], context)))) sources[i] = source;
        return sources;
    }

    /// <summary>
    /// Whether the last run's listing of the input folder still holds: every change the watcher reported inside it is
    /// a listed file that is still a file (its text changed), a path the listing leaves out (hidden), or a file that
    /// came and went (vim's probe). A new, deleted or renamed file or folder, or a full build, lists the folder again.
    /// </summary>
    private bool ListingStillValid(BuildContext context, string input)
    {
        if (context.Changes is not { } changes) return false;
        foreach (var path in changes)
        {
            if (path == input) return false;
            if (!FolderPath.IsInside(path, input) || IsHidden(Path.GetRelativePath(input, path).Replace('\\', '/'))) continue; // the theme, or left out
            if (new FileInfo(path).LinkTarget is not null || Directory.Exists(path) || _listed.Contains(path) != File.Exists(path)) return false;
        }
        return true;
    }

    public string Summarize(SiteState site) => $"{site.Pages.Length} pages, {site.Files.Length} other files";

    private static bool IsMarkdown(string path) => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> NetlifyFiles = ["_redirects", "_headers"];

    private static bool IsHidden(string relativePath) => !NetlifyFiles.Contains(relativePath) &&
        relativePath.Split('/').Any(part => part.StartsWith('_') || part.StartsWith('.'));
}
