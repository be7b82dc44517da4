using System.IO.Enumeration;

namespace Express.Site.Steps.Write;

/// <summary>
/// The folders and files under a folder, as paths relative to it, from one walk that reads each folder once. Folders
/// come parents first, starting with the folder itself (""), so deleting them in reverse order empties each before
/// its parent.
/// </summary>
public sealed record FolderTree(IReadOnlyList<string> Folders, IReadOnlyList<string> Files)
{
    public static FolderTree Of(string root)
    {
        var folders = new List<string> { "" };
        var files = new List<string>();
        var entries = new FileSystemEnumerable<(string Path, bool IsFolder)>(root,
            (ref FileSystemEntry entry) => (Path.GetRelativePath(root, entry.ToFullPath()), entry.IsDirectory && !entry.Attributes.HasFlag(FileAttributes.ReparsePoint)),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false });
        foreach (var (path, isFolder) in entries) (isFolder ? folders : files).Add(path);
        return new FolderTree(folders, files);
    }
}
