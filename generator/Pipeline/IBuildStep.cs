namespace Express.Site.Pipeline;

/// <summary>One named step of the build: takes the site as it is and returns it with the step's work done.</summary>
public interface IBuildStep
{
    string Name { get; }

    SiteState Run(SiteState site, BuildContext context);

    /// <summary>A short summary for the console after the step ran, e.g. "12 pages".</summary>
    string Summarize(SiteState site) => "";

    /// <summary>How many work items the step will report progress for (0: no progress bar).</summary>
    int WorkItems(SiteState site) => 0;
}
