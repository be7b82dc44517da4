using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Write;

/// <summary>
/// The output folder and the folders beside it a build uses: the staging folder a new site is written to
/// (<c>output.new-ID</c>), and the previous output while it is deleted (<c>output.old-ID</c>). The swap is one
/// exchange where the kernel can, else two renames; whatever a killed build leaves is cleaned up by the next one.
/// </summary>
public static partial class OutputFolder
{
    public static string NewStaging(string output) => $"{output}.new-{Guid.NewGuid():N}";

    /// <summary>
    /// Removes the staging and old folders a killed or failed build left beside <paramref name="output"/>. When the
    /// build was killed between the two renames of the swap (no output, an old one beside it), the old output is put
    /// back first, so the previous site is there again until this build replaces it. What cannot be removed is a
    /// warning; the build goes on.
    /// </summary>
    public static void CleanUp(string output, BuildContext context)
    {
        var parent = Path.GetDirectoryName(output)!;
        if (!Directory.Exists(parent)) return;
        var name = Path.GetFileName(output);
        var left = Directory.EnumerateDirectories(parent, name + ".*").Where(d => Leftover().IsMatch(Path.GetFileName(d)[name.Length..])).Order(StringComparer.Ordinal).ToList();
        var old = left.Where(d => d.Contains(".old-", StringComparison.Ordinal)).ToList();
        if (!Directory.Exists(output) && old.Count == 1)
        {
            Directory.Move(old[0], output);
            left.Remove(old[0]);
        }
        foreach (var folder in left)
            DeleteOrWarn(folder, context, "cannot delete this folder, which an interrupted build left behind", "delete it yourself (it is not part of the site)");
    }

    /// <summary>
    /// Puts <paramref name="staging"/> in place of <paramref name="output"/>, then deletes the previous output. Where
    /// the kernel can, the two folders are exchanged in one step, so the output is never missing (the preview serves
    /// it while it rebuilds); elsewhere it takes two renames.
    /// </summary>
    /// <param name="survey">where the previous output's survey may have been started (<see cref="OutputSurvey"/>).</param>
    /// <exception cref="IOException">when the previous output could not be deleted; it is then left as it was.</exception>
    public static void Swap(string staging, string output, BuildContext context, OutputSurvey? survey = null)
    {
        if (!Directory.Exists(output))
        {
            Directory.Move(staging, output);
            return;
        }
        var previous = survey?.Take(output) ?? Survey(output, context.Display);
        // After an exchange the previous output is under the staging folder's name, which the next build also cleans up.
        var exchanged = FolderExchange.TryExchange(staging, output);
        var old = exchanged ? staging : $"{output}.old-{Guid.NewGuid():N}";
        if (!exchanged)
        {
            Directory.Move(output, old);
            try
            {
                Directory.Move(staging, output);
            }
            catch
            {
                Directory.Move(old, output);
                throw;
            }
        }
        // The new site is complete and in place; what cannot be deleted is only the copy of the previous one.
        DeleteOrWarn(old, context, "the new site is in place, but the previous output could not be deleted", "the next build deletes it; or delete it yourself", previous);
    }

    /// <summary>Deletes a folder beside the output; one that cannot be deleted is a warning, not a failed build.</summary>
    private static void DeleteOrWarn(string folder, BuildContext context, string problem, string fix, FolderTree? known = null)
    {
        try
        {
            DeleteTree(folder, known);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Report(Diagnostic.Warning(new SourceLocation(context.Display(folder)), $"{problem}: {e.Message}", fix));
        }
    }

    /// <summary>
    /// The tree of the previous output, once every folder of it is known to let its files be deleted: that must be
    /// sure before the swap, as afterwards the previous output could not be put back whole. The kernel answers for each
    /// folder (access(2) with write and search permission): it says no for a read-only file system, an immutable folder
    /// (chattr +i, which stops root too) and missing permissions, without writing anything. A folder that turns
    /// read-only between this and the swap leaves the previous output beside the new one, with a warning.
    /// </summary>
    /// <exception cref="IOException">when a folder does not let its files be deleted.</exception>
    /// <param name="display">how a path is shown in a message (<see cref="BuildContext.Display"/>).</param>
    public static FolderTree Survey(string output, Func<string, string> display)
    {
        var tree = FolderTree.Of(output);
        foreach (var folder in tree.Folders.Select(f => Path.Combine(output, f)))
        {
            if (FolderAccess.CanDeleteIn(folder, out var reason)) continue;
            throw new IOException($"the previous output cannot be replaced: nothing can be deleted in {display(folder)} ({reason})");
        }
        return tree;
    }

    /// <summary>
    /// Deletes a folder tree, its files in parallel: removing thousands of files is disk-bound and a large share of a
    /// build's time, and a single thread leaves the second core idle. <paramref name="known"/> is the tree as listed
    /// before (so no folder is read twice); if anything was added since, the rest is deleted the slow way.
    /// </summary>
    public static void DeleteTree(string folder, FolderTree? known = null)
    {
        var tree = known ?? FolderTree.Of(folder);
        InParallel(tree.Files, file => File.Delete(Path.Combine(folder, file)));
        try
        {
            // The deepest first: a level's folders are empty once the level below is gone.
            ByLevel(tree.Folders, deepestFirst: true, f => Directory.Delete(Path.Combine(folder, f)));
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Works on relative folder paths a level of depth at a time, each level in parallel: the shallowest first (to
    /// make folders, each after its parent) or the deepest first (to delete them, each after its children). A site
    /// with pretty URLs has a folder per page.
    /// </summary>
    public static void ByLevel(IEnumerable<string> relativeFolders, bool deepestFirst, Action<string> work)
    {
        var levels = relativeFolders.GroupBy(Depth);
        foreach (var level in deepestFirst ? levels.OrderByDescending(l => l.Key) : levels.OrderBy(l => l.Key)) InParallel(level, work);
    }

    /// <summary>How deep a relative folder path is: "" is 0, "a" 1, "a/b" 2.</summary>
    private static int Depth(string relativeFolder) => relativeFolder.Length == 0 ? 0 : relativeFolder.AsSpan().Count(Path.DirectorySeparatorChar) + 1;

    /// <summary>Parallel.ForEach that throws the first error itself, not wrapped in an AggregateException.</summary>
    public static void InParallel<T>(IEnumerable<T> items, Action<T> work)
    {
        try
        {
            Parallel.ForEach(items, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    [GeneratedRegex("^\\.(new|old)-[0-9a-f]{32}$")]
    private static partial Regex Leftover();
}
