using System.Diagnostics;
using Express.Site.Core;

namespace Express.Site.Pipeline;

/// <summary>Runs the steps in order, times each, and stops at the first step that reported an error.</summary>
public sealed class BuildPipeline(IReadOnlyList<IBuildStep> steps)
{
    public IReadOnlyList<IBuildStep> Steps { get; } = steps;

    /// <param name="afterStep">called with each step and the site after it (the preview keeps intermediate states).</param>
    /// <exception cref="BuildFailedException">when any step reports an error.</exception>
    public SiteState Run(BuildContext context, SiteState? initial = null, Action<IBuildStep, SiteState>? afterStep = null)
    {
        var site = initial ?? new SiteState();
        foreach (var step in Steps)
        {
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
            context.Reporter.StepFinished(step.Name, clock.Elapsed, context.Diagnostics.HasErrors ? "failed" : step.Summarize(site));
            if (context.Diagnostics.HasErrors)
                throw new BuildFailedException(context.Diagnostics.Errors);
            afterStep?.Invoke(step, site);
        }
        return site;
    }
}
