using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// Lists the files of an input or theme folder. A symlink is followed only when its target, fully resolved, lies
/// inside the same folder; a link that points outside, dangles or loops is an error at the link. Files are returned
/// under the names they have in the folder (a linked file under the link's name), in ordinal order.
/// </summary>
public static class FolderWalker
{
    /// <param name="skip">called with each entry's path relative to <paramref name="root"/> ('/' separators);
    /// true leaves the entry (and, for a folder, everything in it) out without looking at it.</param>
    /// <param name="within">the folder links must stay inside (the theme, for its layouts/), default <paramref name="root"/>.</param>
    public static IReadOnlyList<string> Files(string root, BuildContext context, Func<string, bool>? skip = null, string? within = null)
    {
        var files = new List<string>();
        if (!Directory.Exists(root)) return files;
        within ??= root;
        var realWithin = RealPath.Resolve(within, out _) ?? Path.GetFullPath(within);
        var realStart = RealPath.Resolve(root, out _) ?? Path.GetFullPath(root);
        Walk(root, realStart, [realStart]);
        return files;

        void Walk(string folder, string realFolder, HashSet<string> ancestors)
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Report(Diagnostic.Error(new SourceLocation(context.Display(folder)), $"cannot read the folder: {e.Message}",
                    "check that the folder exists and that you may read it"));
                return;
            }
            foreach (var entry in entries)
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (skip?.Invoke(relative) == true) continue;
                // The listing says which entries are links (reading a link's target is a system call for every entry).
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is { } linkTarget)
                {
                    var target = CheckedLinkTarget(entry, linkTarget, realWithin, within, context);
                    if (target is null) continue;
                    if (!Directory.Exists(target)) files.Add(entry.FullName);
                    else if (ancestors.Contains(target)) ReportLoop(entry, linkTarget, context);
                    else Walk(entry.FullName, target, [.. ancestors, target]);
                }
                else if (entry is DirectoryInfo)
                {
                    var real = Path.Combine(realFolder, entry.Name);
                    Walk(entry.FullName, real, [.. ancestors, real]);
                }
                else files.Add(entry.FullName);
            }
        }
    }

    /// <summary>The resolved target of a link that may be followed, or null after reporting why it may not.</summary>
    private static string? CheckedLinkTarget(FileSystemInfo link, string linkTarget, string realRoot, string root, BuildContext context)
    {
        var at = new SourceLocation(context.Display(link.FullName));
        var target = RealPath.Resolve(link.FullName, out var failure);
        switch (failure)
        {
            case RealPath.Failure.Dangling:
                context.Report(Diagnostic.Error(at, $"this symlink points to '{linkTarget}', which does not exist",
                    "delete the link, or point it at a file or folder inside " + context.Display(root)));
                return null;
            case RealPath.Failure.Loop:
                ReportLoop(link, linkTarget, context);
                return null;
            case RealPath.Failure.Unreadable:
                context.Report(Diagnostic.Error(at, $"cannot follow this symlink to '{linkTarget}'", "check that you may read the link's target"));
                return null;
        }
        if (FolderPath.IsInside(target!, realRoot)) return target;
        context.Report(Diagnostic.Error(at, $"this symlink points outside {context.Display(root)}, to '{target}'; files from outside the site are never published",
            $"copy the file into {context.Display(root)} instead of linking to it, or delete the link"));
        return null;
    }

    private static void ReportLoop(FileSystemInfo link, string linkTarget, BuildContext context) =>
        context.Report(Diagnostic.Error(new SourceLocation(context.Display(link.FullName)),
            $"this symlink to '{linkTarget}' forms a loop (it leads back to itself or to a folder that contains it)",
            "delete the link, or point it at a file or folder that does not contain it"));
}
