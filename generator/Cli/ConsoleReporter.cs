using Express.Site.Core;
using Express.Site.Pipeline;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>
/// Prints each step with its time. On an interactive console a progress bar follows the steps that handle many
/// pages; elsewhere (CI, pipes) it prints plain lines only.
/// </summary>
public sealed class ConsoleReporter(IAnsiConsole console) : IBuildReporter
{
    private const int ProgressThreshold = 500;
    private ProgressTask? _task;
    private ProgressContext? _progress;

    public bool Interactive { get; } = console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="build"/> inside a live progress display when the console supports one.</summary>
    public T Run<T>(Func<T> build)
    {
        if (!Interactive) return build();
        return console.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                _progress = progress;
                try { return build(); }
                finally { _progress = null; }
            });
    }

    public void StepStarted(string step, int workItems)
    {
        if (_progress is not null && workItems >= ProgressThreshold)
            _task = _progress.AddTask(step, maxValue: workItems);
    }

    public void WorkItemDone(string step) => _task?.Increment(1);

    public void WorkItemsDone(string step, int count) => _task?.Increment(count);

    public void StepFinished(string step, TimeSpan elapsed, string summary)
    {
        _task?.StopTask();
        _task = null;
        console.MarkupLineInterpolated($"  [grey]{step,-15}[/] {elapsed.TotalMilliseconds,7:0} ms  {summary}");
    }

    /// <summary>Prints each diagnostic; of many with the same message (e.g. 1000 pages without a description) only the first few.</summary>
    public void PrintDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        const int SameMessageLimit = 5;
        foreach (var group in diagnostics.GroupBy(d => (d.Severity, d.Message, d.Fix)))
        {
            foreach (var d in group.Take(SameMessageLimit))
            {
                var colour = d.Severity == Severity.Error ? "red" : "yellow";
                var label = d.Severity == Severity.Error ? "error" : "warning";
                console.MarkupLineInterpolated($"[bold]{d.Location}[/]: [{colour}]{label}[/]: {d.Message}");
                if (d.Fix is not null) console.MarkupLineInterpolated($"    [grey]fix:[/] {d.Fix}");
            }
            if (group.Count() > SameMessageLimit)
                console.MarkupLineInterpolated($"    [grey]... and {group.Count() - SameMessageLimit} more like this[/]");
        }
    }
}
