using System.Collections.Concurrent;
using System.Text;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Output;

/// <summary>
/// Writes the site to a fresh folder beside the output folder, then swaps it in. Until the swap the previous output
/// is untouched, so a failed build never leaves a half-written site behind. The output checks read each file back
/// right after it is written; a finding stops the swap.
/// </summary>
public sealed class WriteOutput(IReadOnlyList<IOutputCheck> checks) : IBuildStep
{

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Name => "write";

    public int WorkItems(SiteState site) => site.Pages.Length + site.Files.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var output = context.Options.OutputDir;
        var staging = $"{output}.new-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(staging);
            var writes = site.Pages.Select(p => (p.OutputPath, (string?)p.Html, (string?)null))
                .Concat(site.Files.Select(f => (f.OutputPath, f.Content, f.CopyFrom)))
                .ToList();
            foreach (var folder in writes.Select(w => Path.GetDirectoryName(Path.Combine(staging, w.OutputPath))!).Distinct())
                Directory.CreateDirectory(folder);
            var fileChecks = checks.Select(c => c.For(site)).ToList();
            var findings = new ConcurrentBag<Diagnostic>();
            Parallel.ForEach(writes, write =>
            {
                var target = Path.Combine(staging, write.OutputPath);
                if (write.Item3 is { } source) File.Copy(source, target);
                else WriteNew(target, Utf8.GetBytes(write.Item2!));
                // Read back at once, while other threads write: the checks see exactly what was written.
                foreach (var check in fileChecks.Where(c => c.Wants(write.OutputPath)))
                    foreach (var finding in check.Check(target, write.OutputPath)) findings.Add(finding);
                context.Reporter.WorkItemDone(Name);
            });
            foreach (var finding in findings.OrderBy(f => f.Location.File, StringComparer.Ordinal).ThenBy(f => f.Location.Line)) context.Report(finding);
            if (findings.IsEmpty) Swap(staging, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiteException(new SourceLocation(context.Display(output)), $"cannot write the output: {e.Message}",
                "check that the folder is writable and not open in another program; the previous output is unchanged");
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return site;
    }

    public string Summarize(SiteState site) => $"{site.Pages.Length + site.Files.Length} files, {checks.Count} output check(s) passed";

    /// <summary>Writes a file that does not exist yet: one open, one write, one close (no truncate or seek).</summary>
    private static void WriteNew(string path, byte[] content)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        RandomAccess.Write(handle, content, 0);
    }

    /// <summary>Replaces <paramref name="output"/> with <paramref name="staging"/> using renames only.</summary>
    private static void Swap(string staging, string output)
    {
        if (!Directory.Exists(output))
        {
            Directory.Move(staging, output);
            return;
        }
        var old = $"{output}.old-{Guid.NewGuid():N}";
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
        DeleteInParallel(old);
    }

    /// <summary>Deletes a folder tree, its files in parallel: removing thousands of files is disk-bound
    /// and a large share of a build's time, and a single thread leaves the second core idle.</summary>
    private static void DeleteInParallel(string folder)
    {
        Parallel.ForEach(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories), File.Delete);
        Directory.Delete(folder, recursive: true);
    }
}
