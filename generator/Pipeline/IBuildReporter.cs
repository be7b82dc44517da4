namespace Express.Site.Pipeline;

/// <summary>Where the pipeline tells what it is doing. The console implements it; tests use a silent one.</summary>
public interface IBuildReporter
{
    void StepStarted(string step, int workItems);
    void WorkItemDone(string step);

    /// <summary>Several items done at once (those a rebuild reused).</summary>
    void WorkItemsDone(string step, int count)
    {
        for (var i = 0; i < count; i++) WorkItemDone(step);
    }

    void StepFinished(string step, TimeSpan elapsed, string summary);

    /// <summary>Whether <see cref="StepFinished"/> shows the step's summary; when not, it gets "" and the summary is not
    /// made (some count over every page: a preview's rebuild of 10,000 pages spent 2 ms on them).</summary>
    bool ShowsSummaries => true;

    public static readonly IBuildReporter Silent = new SilentReporter();

    private sealed class SilentReporter : IBuildReporter
    {
        public void StepStarted(string step, int workItems) { }
        public void WorkItemDone(string step) { }
        public void WorkItemsDone(string step, int count) { }
        public void StepFinished(string step, TimeSpan elapsed, string summary) { }
        public bool ShowsSummaries => false;
    }
}
