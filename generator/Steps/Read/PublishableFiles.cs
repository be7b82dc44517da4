namespace Express.Site.Steps.Read;

/// <summary>
/// Which files besides Markdown the site publishes: an allow-list of static types that a browser shows as they are.
/// Everything else (editor backups, OS litter, HTML written by hand, unknown types) stays out, with a warning.
/// </summary>
public static class PublishableFiles
{
    /// <summary>Types published from input/ and from the theme's assets/.</summary>
    public static readonly IReadOnlySet<string> StaticTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", // images
        ".pdf", ".txt", ".json", ".xml", ".webmanifest",                   // documents and data
        ".woff", ".woff2", ".ttf", ".otf",                                // fonts
        ".mp4", ".webm", ".ogv", ".mp3", ".ogg", ".oga", ".m4a", ".wav", ".vtt", // video, audio, captions
    };

    /// <summary>Types published only from the theme's assets/: code and style belong to the theme, where the CSP knows them.</summary>
    public static readonly IReadOnlySet<string> ThemeOnlyTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".css", ".js" };

    private static readonly string[] BackupSuffixes = ["~", ".orig", ".bak", ".swp", ".swo", ".tmp", ".rej"];

    private static readonly HashSet<string> SystemFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Thumbs.db", "ehthumbs.db", "desktop.ini", "Icon\r", ".DS_Store", "__MACOSX",
    };

    /// <summary>Why a file is not published, or null when it is.</summary>
    /// <param name="fileName">the file's name (without folders).</param>
    /// <param name="themeAsset">true for a file in the theme's assets/.</param>
    public static (string Why, string Fix)? WhyNotPublished(string fileName, bool themeAsset)
    {
        if (SystemFiles.Contains(fileName))
            return ("a file the operating system made", "nothing to do; delete it if you like");
        if (fileName.Length > 1 && fileName.StartsWith('#') && fileName.EndsWith('#') ||
            BackupSuffixes.Any(suffix => fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            return ("an editor's backup or temporary file", "nothing to do; delete it once you no longer need it");
        var type = Path.GetExtension(fileName);
        if (StaticTypes.Contains(type) || themeAsset && ThemeOnlyTypes.Contains(type)) return null;
        if (type is ".html" or ".htm" or ".xhtml" && !themeAsset)
            return ("an HTML page written by hand would miss the layout, the consent gating and the checks",
                "write the page in Markdown (NAME.md); HTML can go inside the Markdown text");
        if (ThemeOnlyTypes.Contains(type))
            return ($"'{type}' files are published only from the theme's assets/ folder", "move it to the theme's assets/ and refer to it with {{ asset '...' }}");
        return (type.Length == 0 ? "a file without a type (no extension)" : $"'{type}' is not a type the site publishes",
            $"the site publishes Markdown pages and these files as they are: {string.Join(" ", StaticTypes.Order(StringComparer.Ordinal))}; save documents as PDF");
    }
}
