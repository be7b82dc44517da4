using Express.Site.Pipeline;

namespace Express.Site.Steps.Write;

/// <summary>
/// The first step: removes what an interrupted (killed) build left beside the output folder, and puts the previous
/// output back when the build was killed in the middle of the swap (see <see cref="OutputFolder.CleanUp"/>). It runs
/// before anything else, so a build that then fails on its input still leaves the last good site in place.
/// </summary>
public sealed class RecoverOutput : IBuildStep
{
    public string Name => "recover output";

    public SiteState Run(SiteState site, BuildContext context)
    {
        OutputFolder.CleanUp(context.Options.OutputDir, context);
        return site;
    }
}
