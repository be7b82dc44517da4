namespace Express.Site.Core;

/// <summary>
/// What to build from where. Paths are absolute. Messages show paths relative to <see cref="ProjectRoot"/>, the folder
/// that holds the input folder, so an editor reads "input/kontakt.md:3" wherever the command ran.
/// </summary>
public sealed record BuildOptions(string InputDir, string ThemeDir, string OutputDir, DateTime Now)
{
    /// <summary>What one render of a template may use (loops, size, time).</summary>
    public TemplateLimits TemplateLimits { get; init; } = TemplateLimits.Default;

    /// <summary>Cancels the build's template renders from outside (e.g. the preview, when a newer save arrives):
    /// a render then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    public string ProjectRoot => Path.GetDirectoryName(InputDir) ?? InputDir;

    public static BuildOptions FromArguments(string? input, string? theme, string? output, DateTime? now = null)
    {
        var here = Directory.GetCurrentDirectory();
        return new BuildOptions(
            Path.GetFullPath(input ?? "input", here).TrimEnd(Path.DirectorySeparatorChar),
            Path.GetFullPath(theme ?? Path.Combine("themes", "express"), here).TrimEnd(Path.DirectorySeparatorChar),
            Path.GetFullPath(output ?? "output", here).TrimEnd(Path.DirectorySeparatorChar),
            now ?? DateTime.UtcNow);
    }

    /// <summary>A path as shown to the editor: relative to the project folder, with '/' separators.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(ProjectRoot, fullPath);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative).Replace('\\', '/');
    }
}
