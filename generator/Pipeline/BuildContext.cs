using System.Collections.Immutable;
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

    /// <summary>The step now running, for progress reports.</summary>
    internal string CurrentStep { get; set; } = "";

    /// <summary>
    /// Runs <paramref name="work"/> over the items in parallel, keeping their order. An item whose work throws a
    /// <see cref="SiteException"/> is reported and left out of the result; the pipeline stops after the step.
    /// </summary>
    public ImmutableArray<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> work)
    {
        var results = new TOut[items.Count];
        var done = new bool[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = Cancellation }, i =>
        {
            try
            {
                results[i] = work(items[i]);
                done[i] = true;
            }
            catch (SiteException e)
            {
                Diagnostics.Add(e.Diagnostic);
            }
            Reporter.WorkItemDone(CurrentStep);
        });
        return [.. results.Where((_, i) => done[i])];
    }

    /// <summary>Like <see cref="Map{TIn,TOut}"/> but for work that only checks or collects.</summary>
    public void ForEach<T>(IReadOnlyList<T> items, Action<T> work) =>
        Map(items, item => { work(item); return true; });

    public void Report(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);

    public string Display(string fullPath) => Options.Display(fullPath);
}
