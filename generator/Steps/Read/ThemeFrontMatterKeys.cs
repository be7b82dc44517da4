using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// The page keys the theme's layouts declare they read, each in its own front matter
/// ('front_matter_keys: [lead, heading]'), so that a theme brings the declaration of its keys with it.
/// Read here rather than from the parsed templates, which come later in the pipeline than the check of pages.
/// A layout the preview's watcher did not report keeps its keys from the last run.
/// </summary>
public sealed class ThemeFrontMatterKeys
{
    private readonly SourceFileCache _files = new();
    private readonly StepMemo<SourceFile, IReadOnlyList<string>> _keys = new();

    public IReadOnlyList<string> Read(BuildContext context)
    {
        var layouts = Path.Combine(context.Options.ThemeDir, "layouts");
        var files = FolderWalker.Files(layouts, context, within: context.Options.ThemeDir).Where(p => p.EndsWith(".html", StringComparison.Ordinal)).ToList();
        _files.Begin();
        var sources = context.Map(files, path => _files.Read(path, context));
        var keys = context.Map(sources, _keys, shared: null,
            source => FrontMatterValues.OptionalStringList(SplitFrontMatter.Split(new Page(source)).FrontMatter, FrontMatterKeys.SiteKey));
        return [.. keys.SelectMany(k => k)];
    }
}
