using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Serving;

/// <summary>
/// The texts the generator's own tools show an editor (the preview's error overlay), in the theme's language:
/// <c>texts.yml</c> at the top of the theme, one <c>key: text</c> per line. A missing file or key leaves the tool's
/// English default.
/// </summary>
public static class ThemeTexts
{
    public const string FileName = "texts.yml";

    public static IReadOnlyDictionary<string, string> Load(string themeDir)
    {
        var file = Path.Combine(themeDir, FileName);
        if (!File.Exists(file)) return new Dictionary<string, string>();
        try
        {
            return YamlReader.ReadMap(File.ReadAllText(file), file).Where(e => e.Value is string)
                .ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        }
        catch (SiteException)
        {
            return new Dictionary<string, string>(); // a broken file leaves the defaults; the texts are a convenience
        }
    }
}
