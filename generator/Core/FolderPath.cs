namespace Express.Site.Core;

/// <summary>Questions about file paths that several parts ask.</summary>
public static class FolderPath
{
    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (both full paths, compared as written).</summary>
    public static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
