using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Express.Site.Core;

namespace Express.Site.Pipeline;

/// <summary>What every step may use: the options, the place to report problems, and parallel helpers.</summary>
public sealed class BuildContext(BuildOptions options, IBuildReporter reporter, CancellationToken cancellation = default)
{
    public BuildOptions Options { get; } = options;

    /// <summary>Cancels the build (the preview, when a newer save arrives): checked between steps, per work item and in template loops.</summary>
    public CancellationToken Cancellation { get; } = cancellation.CanBeCanceled ? cancellation : options.Cancellation;
    public DiagnosticBag Diagnostics { get; } = new();
    public IBuildReporter Reporter { get; } = reporter;

    /// <summary>
    /// The files (full paths) that changed since the last run of the same pipeline, as the preview's watcher saw them;
    /// null when anything may have changed (a full build). Steps that read files re-read these; other files they may
    /// take from the last run when their size and time are unchanged.
    /// </summary>
    public IReadOnlySet<string>? Changes { get; init; }

    /// <summary>
    /// Whether the pipeline runs again (the preview), so that steps keep what they made for the next run. A one-off
    /// build keeps nothing: every page's intermediate text would otherwise stay in memory to the end.
    /// </summary>
    public bool RunsAgain { get; init; }

    private readonly YoungGenerationCollector _collector = new();

    /// <summary>Collects the garbage of a one-off build as it goes (see <see cref="YoungGenerationCollector"/>); null in
    /// the preview, whose process lives on.</summary>
    internal YoungGenerationCollector? Collector => RunsAgain ? null : _collector;

    /// <summary>The step now running, for progress reports.</summary>
    internal string CurrentStep { get; set; } = "";

    // The diagnostics reported by the work item running on this thread, kept with a memoized result.
    [ThreadStatic] private static List<Diagnostic>? _reportedByItem;

    /// <summary>Whether <paramref name="fullPath"/> may have changed since the last run: it, or a folder it is in
    /// (a folder moved in place of another brings files with old times), was reported.</summary>
    public bool MayHaveChanged(string fullPath)
    {
        if (Changes is null) return true;
        if (Changes.Count <= 16) return Changes.Any(change => FolderPath.IsInside(fullPath, change)); // a save or two: no string per parent folder
        for (var path = fullPath; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
            if (Changes.Contains(path)) return true;
        return false;
    }

    /// <summary>
    /// Runs <paramref name="work"/> over the items in parallel, keeping their order. An item whose work throws a
    /// <see cref="SiteException"/> is reported and left out of the result; the pipeline stops after the step. An IO
    /// error is reported the same way, naming the item when it is a path.
    /// </summary>
    public ImmutableArray<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> work)
    {
        var results = new TOut[items.Count];
        var done = new bool[items.Count];
        // One item (a preview's rebuild, mostly) is worked on here: handing it to the pool wakes a thread that finds
        // nothing to do and spins. One thread per core: the work is CPU-bound, and a thread that waits on a lock inside
        // a library would make the pool add threads that only contend for the same cores.
        if (items.Count == 1)
        {
            Cancellation.ThrowIfCancellationRequested();
            Item(0);
        }
        else
            Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = Cancellation, MaxDegreeOfParallelism = Environment.ProcessorCount }, Item);
        return Array.IndexOf(done, false) < 0 ? ImmutableCollectionsMarshal.AsImmutableArray(results) : [.. results.Where((_, i) => done[i])];

        void Item(int i)
        {
            try
            {
                results[i] = work(items[i]);
                done[i] = true;
                Collector?.CollectIfDue();
            }
            catch (SiteException e)
            {
                Diagnostics.Add(e.Diagnostic);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Diagnostics.Add(FileError.Diagnostic(items[i] is string path ? Display(path) : $"({CurrentStep})", e));
            }
            Reporter.WorkItemDone(CurrentStep);
        }
    }

    /// <summary>
    /// Like <see cref="Map{TIn,TOut}"/>, but an item the step already worked on in the last run of this pipeline, with
    /// the same <paramref name="shared"/> inputs, gets the last result (see <see cref="StepMemo{TIn,TOut}"/>).
    /// </summary>
    /// <param name="isValid">whether a kept result still holds (for results that record more of what they were made with).</param>
    /// <param name="heldWith">what <paramref name="isValid"/> reads besides the result: while each of these is the same
    /// object as in the last run, it is not asked (at 10,000 pages, reading every kept result costs a millisecond).</param>
    public ImmutableArray<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, StepMemo<TIn, TOut> memo, object? shared, Func<TIn, TOut> work,
        Func<TOut, bool>? isValid = null, object?[]? heldWith = null) where TIn : class
    {
        if (!memo.Begin(shared, items.Count, heldWith)) isValid = null;
        if (!RunsAgain) return Map(items, item => { memo.Missed(); return work(item); });
        // Kept results are taken in one pass, a comparison or two each; only the rest is worked on, in parallel.
        var results = new TOut[items.Count];
        var done = new bool[items.Count];
        var missing = memo.Reuse(items is ImmutableArray<TIn> array ? array.AsSpan() : items.ToArray(), isValid, results, done, Diagnostics);
        Reporter.WorkItemsDone(CurrentStep, items.Count - missing.Count);
        foreach (var (i, result) in Map(missing, i => (i, Work(i))))
            (results[i], done[i]) = (result, true);
        return Array.IndexOf(done, false) < 0 ? ImmutableCollectionsMarshal.AsImmutableArray(results) : [.. results.Where((_, i) => done[i])];

        TOut Work(int index)
        {
            var outer = _reportedByItem;
            _reportedByItem = [];
            try
            {
                var result = work(items[index]);
                memo.Keep(index, items[index], result, _reportedByItem);
                return result;
            }
            finally
            {
                _reportedByItem = outer;
            }
        }
    }

    /// <summary>Like <see cref="Map{TIn,TOut}"/> but for work that only checks or collects.</summary>
    public void ForEach<T>(IReadOnlyList<T> items, Action<T> work) =>
        Map(items, item => { work(item); return true; });

    public void Report(Diagnostic diagnostic)
    {
        Diagnostics.Add(diagnostic);
        _reportedByItem?.Add(diagnostic);
    }

    public string Display(string fullPath) => Options.Display(fullPath);
}
