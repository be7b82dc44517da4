using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Render;

namespace Express.Site.Incremental;

/// <summary>
/// Builds the site for the preview, again and again, with the one pipeline of <see cref="SiteBuilder"/>: each rebuild
/// is the same run as a full build, told which files changed. Its steps keep what they made in the last run and reuse
/// it where nothing it was made from changed (a page's file, the templates its rendering used, the page lists it
/// showed, the data, the assets, the date); everything else is computed again, and the one writer writes the files
/// that differ. So the output always equals a full build. A failed rebuild changes nothing in the output.
/// </summary>
/// <param name="reporter">told each step's progress and time (silent when null).</param>
public sealed class IncrementalBuilder(BuildOptions options, DateTime? fixedDate, IBuildReporter? reporter = null)
{
    private BuildPipeline _pipeline = SiteBuilder.CreatePipeline();

    // The changes of rebuilds that did not finish (cancelled, or failed): the next rebuild works on them too. Each step
    // keeps its results by their inputs and checks them when it uses them, so a run stopped anywhere leaves nothing
    // wrong behind; what it leaves undone is only the work on these changes. Null after a stopped full build: the next
    // one is full.
    private HashSet<string>? _unfinished = new(StringComparer.Ordinal);

    /// <summary>Builds after a change.</summary>
    /// <param name="changed">the full paths of the changed, new and deleted files and folders; empty: anything may have
    /// changed, so the site is built from scratch (the first build, or after the watcher lost events).</param>
    /// <returns>how many pages were rendered (the others were reused).</returns>
    /// <exception cref="BuildFailedException">with the errors; the output stays as it was.</exception>
    /// <exception cref="OperationCanceledException">when <paramref name="cancellation"/> stopped it; the output stays as it was.</exception>
    public int Rebuild(IReadOnlyList<string> changed, CancellationToken cancellation = default)
    {
        var full = changed.Count == 0 || _unfinished is null;
        if (full) _pipeline = SiteBuilder.CreatePipeline();
        var changes = full ? null : _unfinished!.Union(changed, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        _unfinished = changes; // until this run finishes
        // Without a fixed date, the preview builds as of today: a date that changes at every save would render every page again.
        var now = options with { Now = fixedDate ?? DateTime.UtcNow.Date };
        var context = new BuildContext(now, reporter ?? IBuildReporter.Silent, cancellation)
        {
            Changes = changes,
            RunsAgain = true,
        };
        _pipeline.Run(context);
        _unfinished = new HashSet<string>(StringComparer.Ordinal);
        return _pipeline.Steps.OfType<ApplyLayouts>().Single().Rendered;
    }
}
