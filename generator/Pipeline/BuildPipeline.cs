using System.Diagnostics;
using Express.Site.Core;

namespace Express.Site.Pipeline;

/// <summary>Runs the steps in order, times each, and stops at the first step that reported an error.</summary>
public sealed class BuildPipeline
{
    public IReadOnlyList<IBuildStep> Steps { get; }

    /// <exception cref="InvalidOperationException">when a step needs a part of the site no step before it makes (a
    /// programming error: the list of steps is in the wrong order).</exception>
    public BuildPipeline(IReadOnlyList<IBuildStep> steps)
    {
        var made = new HashSet<SitePart>();
        foreach (var step in steps)
        {
            var missing = step.Needs.Where(p => !made.Contains(p)).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"the step '{step.Name}' needs {string.Join(", ", missing)}, which no step before it makes: "
                    + $"move it after {string.Join(", ", missing.Select(p => steps.FirstOrDefault(s => s.Makes.Contains(p))?.Name is { } maker ? $"'{maker}'" : $"a step that makes {p}"))}");
            made.UnionWith(step.Makes);
        }
        Steps = steps;
    }

    /// <param name="afterStep">called with each step and the site after it (the preview keeps intermediate states).</param>
    /// <exception cref="BuildFailedException">when any step reports an error.</exception>
    /// <exception cref="OperationCanceledException">when the context's cancellation was requested.</exception>
    public SiteState Run(BuildContext context, SiteState? initial = null, Action<IBuildStep, SiteState>? afterStep = null)
    {
        var site = initial ?? new SiteState();
        foreach (var step in Steps)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            context.CurrentStep = step.Name;
            context.Reporter.StepStarted(step.Name, step.WorkItems(site));
            var clock = Stopwatch.StartNew();
            try
            {
                site = step.Run(site, context);
            }
            catch (SiteException e)
            {
                context.Report(e.Diagnostic);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A step that reads or writes files outside its per-item work: the message names the path.
                context.Report(Diagnostic.Error(new SourceLocation($"({step.Name})"), $"cannot read or write a file: {e.Message}", FileError.Fix(e)));
            }
            context.Reporter.StepFinished(step.Name, clock.Elapsed, context.Diagnostics.HasErrors ? "failed" : context.Reporter.ShowsSummaries ? step.Summarize(site) : "");
            if (context.Diagnostics.HasErrors)
                throw new BuildFailedException(context.Diagnostics.Errors);
            afterStep?.Invoke(step, site);
            if (step != Steps[^1]) context.Collector?.CollectIfDue();
        }
        return site;
    }
}
