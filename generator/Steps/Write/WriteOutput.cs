using System.Collections.Concurrent;
using System.Text;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Write;

/// <summary>
/// The site's only writer. It writes the files to a fresh folder beside the output folder; the output checks read
/// each file back right after it is written; then, when no check found anything, the folder replaces the output with
/// two renames. Until then the previous output is untouched, so a failed build never leaves a half-written site.
/// When this pipeline has published before (the preview's next run), only the files that differ from what it
/// published are written and checked that way, then moved into the output one by one, and the files the site no
/// longer has are deleted: the output then equals what a full build writes.
/// </summary>
/// <param name="survey">the previous output's survey, when a step started one (<see cref="SurveyOutput"/>).</param>
public sealed class WriteOutput(IReadOnlyList<IOutputCheck> checks, OutputSurvey? survey = null) : IBuildStep
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>One output file: its text, or the file it is copied from with that file's size and time.</summary>
    private sealed record Write(string OutputPath, byte[]? Content, string? CopyFrom, long Length, DateTime Written);

    private enum Outcome { Published, RefusedByCheck, NotPossible }

    // What the output folder holds as this pipeline last published it, and the site it came from. Null before the
    // first publish: the run then writes a whole new folder.
    private List<Write>? _published;
    private SiteState? _publishedSite;
    private int _written;

    public string Name => "write";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Html, SitePart.Settings };

    public int WorkItems(SiteState site) => site.Pages.Length + site.Files.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var output = context.Options.OutputDir;
        try
        {
            var writes = Writes(site, context);
            var outcome = _published is { } last && _publishedSite is { } lastSite && Directory.Exists(output)
                ? Update(site, context, writes, last, lastSite)
                : Outcome.NotPossible;
            if (outcome == Outcome.NotPossible) outcome = Replace(site, context, writes);
            if (outcome == Outcome.Published) (_published, _publishedSite) = (writes, site);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiteException(new SourceLocation(context.Display(output)), $"cannot write the output: {e.Message}",
                "check that the folder is writable, the disk not full and no name too long; the previous output is unchanged");
        }
        return site;
    }

    public string Summarize(SiteState site) => $"{_written} of {site.Pages.Length + site.Files.Length} files written, {checks.Count} output check(s) passed";

    // A page the steps left as it was in the last run (the same object) is the same write, found equal to the published
    // one by reference: taken without reading the page, which at 10,000 pages would cost a memory access each.
    private readonly PerItem<Page, Write> _pageWrites = new(page => new Write(page.OutputPath, page.HtmlUtf8, null, 0, default));

    private List<Write> Writes(SiteState site, BuildContext context)
    {
        var encoded = new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance);
        var writes = new List<Write>(site.Pages.Length + site.Files.Length);
        writes.AddRange(_pageWrites.Of(site.Pages, context));
        foreach (var file in site.Files)
        {
            if (file.CopyFrom is not { } from)
            {
                var content = encoded[file.Content!] = _encoded.GetValueOrDefault(file.Content!) ?? Utf8.GetBytes(file.Content!);
                writes.Add(new Write(file.OutputPath, content, null, 0, default));
                continue;
            }
            var info = new FileInfo(from);
            if (!info.Exists) throw new FileNotFoundException($"{file.Origin.File} is gone or cannot be read", from);
            writes.Add(new Write(file.OutputPath, null, from, info.Length, info.LastWriteTimeUtc));
        }
        _encoded = context.RunsAgain ? encoded : new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance);
        return writes;
    }

    // The generated files' texts as last encoded: a step that made the same text again (the sitemap after an edit of
    // a page's text) hands over the same string, which then needs neither encoding nor comparing byte by byte.
    private Dictionary<string, byte[]> _encoded = new(ReferenceEqualityComparer.Instance);

    /// <summary>Writes the whole site to a new folder and swaps it in.</summary>
    private Outcome Replace(SiteState site, BuildContext context, List<Write> writes)
    {
        var output = context.Options.OutputDir;
        var staging = OutputFolder.NewStaging(output);
        try
        {
            if (!WriteAndCheck(site, context, staging, writes, recheck: [])) return Outcome.RefusedByCheck;
            OutputFolder.Swap(staging, output, context, survey);
            return Outcome.Published;
        }
        finally
        {
            DeleteIfThere(staging);
        }
    }

    /// <summary>
    /// Writes the files that differ from the last publish to a small staging folder, checks them (and every other file
    /// when the checks may judge them differently now), then moves them into the output and deletes the files that are
    /// gone. When that is not possible, the caller replaces the whole folder.
    /// </summary>
    private Outcome Update(SiteState site, BuildContext context, List<Write> writes, List<Write> published, SiteState publishedSite)
    {
        var output = context.Options.OutputDir;
        var (changed, removed) = Differences(writes, published, context);
        var recheck = checks.Any(c => c.MayJudgeDifferently(publishedSite, site)) ? writes.Except(changed).ToList() : [];
        if (changed.Count == 0 && removed.Count == 0 && recheck.Count == 0)
        {
            _written = 0;
            return Outcome.Published;
        }

        var staging = OutputFolder.NewStaging(output);
        try
        {
            if (!WriteAndCheck(site, context, staging, changed, recheck)) return Outcome.RefusedByCheck;
            _published = null; // from here on the output is being changed: if this fails, the next run replaces it whole
            foreach (var write in changed)
            {
                var target = Path.Combine(output, write.OutputPath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(staging, write.OutputPath), target, overwrite: true);
            }
            foreach (var path in removed) DeleteWithEmptyFolders(output, path);
            return Outcome.Published;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome.NotPossible; // e.g. a file in the way of a new folder: a whole new folder is written instead
        }
        finally
        {
            DeleteIfThere(staging);
        }
    }

    /// <summary>
    /// Writes the files into <paramref name="folder"/> in parallel; each output check reads each file it wants back
    /// right after it is written. <paramref name="recheck"/> are files already in the output, checked there.
    /// </summary>
    /// <returns>false when a check found something (reported).</returns>
    private bool WriteAndCheck(SiteState site, BuildContext context, string folder, List<Write> writes, List<Write> recheck)
    {
        Directory.CreateDirectory(folder);
        OutputFolder.ByLevel(FoldersOf(writes), deepestFirst: false, f => Directory.CreateDirectory(Path.Combine(folder, f)));
        var fileChecks = checks.Select(c => c.For(site)).ToList();
        var output = context.Options.OutputDir;
        var findings = new ConcurrentBag<Diagnostic>();
        var items = writes.Select(w => (Write: w, In: folder)).Concat(recheck.Select(w => (Write: w, In: output)));
        OutputFolder.InParallel(items, item =>
        {
            var target = Path.Combine(item.In, item.Write.OutputPath);
            if (item.In == folder)
            {
                if (item.Write.CopyFrom is { } source) File.Copy(source, target);
                else WriteNew(target, item.Write.Content!);
            }
            // Read back at once, while other threads write: the checks see exactly what was written.
            foreach (var check in fileChecks.Where(c => c.Wants(item.Write.OutputPath)))
                foreach (var finding in check.Check(target, item.Write.OutputPath)) findings.Add(finding);
            context.Reporter.WorkItemDone(Name);
        });
        foreach (var finding in findings.OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line)) context.Report(finding);
        _written = writes.Count;
        return findings.IsEmpty;
    }

    /// <summary>The folders the files are in, and the folders those are in (relative, without the root).</summary>
    private static HashSet<string> FoldersOf(List<Write> writes)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
            for (var f = Path.GetDirectoryName(write.OutputPath); !string.IsNullOrEmpty(f) && folders.Add(f); f = Path.GetDirectoryName(f)) { }
        return folders;
    }

    /// <summary>The files that are new or differ from what was published, and the paths published that are gone.</summary>
    private static (List<Write> Changed, List<string> Removed) Differences(List<Write> writes, List<Write> published, BuildContext context)
    {
        // After an edit every file is where it was in the list, with the same path: compared side by side, no table needed.
        if (writes.Count == published.Count)
        {
            var changed = new List<Write>();
            var aligned = true;
            for (var i = 0; i < writes.Count && aligned; i++)
            {
                if (ReferenceEquals(writes[i], published[i])) continue;
                aligned = writes[i].OutputPath == published[i].OutputPath;
                if (aligned && !Same(published[i], writes[i], context)) changed.Add(writes[i]);
            }
            if (aligned) return (changed, []);
        }
        var byPath = published.ToDictionary(w => w.OutputPath, StringComparer.Ordinal);
        var paths = writes.Select(w => w.OutputPath).ToHashSet(StringComparer.Ordinal);
        return ([.. writes.Where(w => !byPath.TryGetValue(w.OutputPath, out var last) || !Same(last, w, context))],
            [.. byPath.Keys.Where(p => !paths.Contains(p))]);
    }

    private static bool Same(Write last, Write now, BuildContext context) => now.CopyFrom is null
        ? last.CopyFrom is null && last.Content.AsSpan().SequenceEqual(now.Content)
        : last.CopyFrom == now.CopyFrom && last.Length == now.Length && last.Written == now.Written && !context.MayHaveChanged(now.CopyFrom);

    /// <summary>Writes a file that does not exist yet: one open, one write, one close (no truncate or seek).</summary>
    private static void WriteNew(string path, byte[] content)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        RandomAccess.Write(handle, content, 0);
    }

    private static void DeleteWithEmptyFolders(string output, string outputPath)
    {
        File.Delete(Path.Combine(output, outputPath));
        for (var folder = Path.GetDirectoryName(Path.Combine(output, outputPath)); folder is not null && folder.Length > output.Length
             && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder))
            Directory.Delete(folder);
    }

    /// <summary>Deletes a staging folder; one that cannot be deleted is left for the next build to clean up.</summary>
    private static void DeleteIfThere(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) OutputFolder.DeleteTree(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
