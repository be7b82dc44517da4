namespace Express.Site.Pipeline;

/// <summary>One named step of the build: takes the site as it is and returns it with the step's work done.</summary>
public interface IBuildStep
{
    string Name { get; }

    SiteState Run(SiteState site, BuildContext context);

    /// <summary>A short summary for the console after the step ran, e.g. "12 pages".</summary>
    string Summarize(SiteState site) => "";

    /// <summary>What the step reads that an earlier step must have made. The pipeline checks this when it is put
    /// together, so a step in the wrong place is found before anything runs.</summary>
    IReadOnlySet<SitePart> Needs => NoParts;

    /// <summary>What the step makes for later steps.</summary>
    IReadOnlySet<SitePart> Makes => NoParts;

    static readonly IReadOnlySet<SitePart> NoParts = new HashSet<SitePart>();

    /// <summary>How many work items the step will report progress for (0: no progress bar).</summary>
    int WorkItems(SiteState site) => 0;
}
