using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// The page keys the theme's layouts declare they read, each in its own front matter
/// ('front_matter_keys: [lead, heading]'), so that a theme brings the declaration of its keys with it.
/// Read here rather than from the parsed templates, which come later in the pipeline than the check of pages.
/// </summary>
public static class ThemeFrontMatterKeys
{
    public static IReadOnlyList<string> Read(BuildContext context)
    {
        var layouts = Path.Combine(context.Options.ThemeDir, "layouts");
        var keys = new List<string>();
        foreach (var path in FolderWalker.Files(layouts, context, within: context.Options.ThemeDir).Where(p => p.EndsWith(".html", StringComparison.Ordinal)))
        {
            var layout = SplitFrontMatter.Split(new Page(TextFileReader.Read(path, context.Display(path))));
            keys.AddRange(FrontMatterValues.OptionalStringList(layout.FrontMatter, FrontMatterKeys.SiteKey));
        }
        return keys;
    }
}
