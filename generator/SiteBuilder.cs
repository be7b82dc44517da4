using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Check;
using Express.Site.Steps.Prepare;
using Express.Site.Steps.Read;
using Express.Site.Steps.Render;
using Express.Site.Steps.Render.Generated;
using Express.Site.Steps.Render.Markdown;
using Express.Site.Steps.Write;

namespace Express.Site;

/// <summary>
/// The whole build, in pipeline order. The order of this list is the order a page flows through. A full build and the
/// preview's rebuilds run this same pipeline; a rebuild is told which files changed, and the steps reuse what they
/// made in the last run where nothing it was made from changed (see <see cref="Incremental.IncrementalBuilder"/>).
/// Each step is in the folder of its phase, in this order: Steps/Read, Prepare, Render, Check, Write.
/// </summary>
public static class SiteBuilder
{
    public static BuildPipeline CreatePipeline()
    {
        var survey = new OutputSurvey();
        return new([new RecoverOutput(), .. SiteReadSteps(), .. PageReadSteps(), new SurveyOutput(survey), .. PrepareSteps(), .. RenderSteps(), .. FinishSteps(), .. OutputSteps(survey)]);
    }

    /// <summary>The data, the settings, the privacy facts, and every source file.</summary>
    public static IBuildStep[] SiteReadSteps() => [new LoadDataFiles(), new ReadSiteSettings(), new LoadPrivacyData(), new ReadSources()];

    /// <summary>What makes a source file a page with a URL.</summary>
    public static IBuildStep[] PageReadSteps() => [new SplitFrontMatter(), new ValidatePages(), new FilterUnpublished(), new AssignUrls()];

    /// <summary>What rendering needs: assets, templates, the template model with every page, and the privacy center.</summary>
    public static IBuildStep[] PrepareSteps() => [new FingerprintAssets(), new FingerprintPageImages(), new LoadTemplates(), new BuildTemplateModel(), new RenderConsentCenter()];

    /// <summary>Per page: body templates, Markdown, layouts, HTML post-processing with the consent gating.</summary>
    public static IBuildStep[] RenderSteps() => [new RenderBodyTemplates(), new RenderMarkdown(), new ApplyLayouts(), new PostProcessHtml([ConsentGating.For], [AuditPagesForLeaks.For, RequireImageAlt.For])];

    /// <summary>Checks and generated files over the whole rendered site.</summary>
    public static IBuildStep[] FinishSteps() =>
        [new CheckFormsHaveContactPoints(), new CheckInlineCode(), new CheckPublishedFiles(), new GenerateSitemap(), new GenerateRobots(), new GenerateWellKnownFiles(), new GenerateHeadersFile(), new GenerateRedirects(), new ValidateLinks()];

    /// <summary>
    /// The output chain: every file is written (to a staging folder), then each output check reads it back; only then
    /// does the site replace the output. The leak audit is such a check; a new check of written files goes here.
    /// </summary>
    /// <param name="survey">the previous output's survey, started before the templates (<see cref="SurveyOutput"/>).</param>
    public static IBuildStep[] OutputSteps(OutputSurvey? survey = null) => [new WriteOutput([new AuditOutputForLeaks()], survey)];

    /// <summary>Builds the site; returns the finished state and the warnings.</summary>
    /// <exception cref="BuildFailedException">with every error, when the input has any.</exception>
    /// <param name="afterStep">called with each step and the site after it.</param>
    /// <param name="cancellation">stops the build between steps, work items or template loop iterations (the preview, on a newer save).</param>
    public static (SiteState Site, IReadOnlyList<Diagnostic> Warnings) Build(BuildOptions options, IBuildReporter? reporter = null,
        Action<IBuildStep, SiteState>? afterStep = null, CancellationToken cancellation = default)
    {
        var context = new BuildContext(options, reporter ?? IBuildReporter.Silent, cancellation);
        var site = CreatePipeline().Run(context, afterStep: afterStep);
        return (site, context.Diagnostics.Warnings);
    }
}
