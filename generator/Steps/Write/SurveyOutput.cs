using Express.Site.Pipeline;

namespace Express.Site.Steps.Write;

/// <summary>
/// Starts surveying the previous output on a thread of its own (<see cref="OutputSurvey"/>), for the swap at the end
/// of a full build. It stands where the build leaves a core free: after the pages are read, while the single-threaded
/// steps that prepare rendering run. Started with the build, it slowed the first steps, which share the cores with the
/// libraries' start-up (Cli.Warmup). The preview's rebuilds, which update the output file by file, do not start it.
/// </summary>
public sealed class SurveyOutput(OutputSurvey survey) : IBuildStep
{
    public string Name => "survey output";

    public SiteState Run(SiteState site, BuildContext context)
    {
        if (context.Changes is null) survey.Start(context.Options.OutputDir, context.Display);
        return site;
    }
}
