using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Assets;
using Express.Site.Steps.Consent;
using Express.Site.Steps.FrontMatter;
using Express.Site.Steps.Generated;
using Express.Site.Steps.Html;
using Express.Site.Steps.Links;
using Express.Site.Steps.Markdown;
using Express.Site.Steps.Output;
using Express.Site.Steps.Privacy;
using Express.Site.Steps.Publish;
using Express.Site.Steps.Read;
using Express.Site.Steps.Security;
using Express.Site.Steps.Settings;
using Express.Site.Steps.Templates;
using Express.Site.Steps.Urls;
using Express.Site.Steps.Validate;

namespace Express.Site;

/// <summary>The whole build, in pipeline order. The order of this list is the order a page flows through.</summary>
public static class SiteBuilder
{
    public static BuildPipeline CreatePipeline() =>
        new([.. SiteReadSteps(), .. PageReadSteps(), .. PrepareSteps(), .. RenderSteps(), .. FinishSteps(), new WriteOutput([new AuditOutputForLeaks()])]);

    /// <summary>The data, the settings, the privacy facts, and every source file.</summary>
    public static IBuildStep[] SiteReadSteps() => [new LoadDataFiles(), new ReadSiteSettings(), new LoadPrivacyData(), new ReadSources()];

    /// <summary>What makes a source file a page with a URL: the preview runs these for one edited file.</summary>
    public static IBuildStep[] PageReadSteps() => [new SplitFrontMatter(), new ValidatePages(), new FilterUnpublished(), new AssignUrls()];

    /// <summary>What rendering needs: assets, templates, the template model with every page, and the privacy center.</summary>
    public static IBuildStep[] PrepareSteps() => [new FingerprintAssets(), new LoadTemplates(), new BuildTemplateModel(), new RenderConsentCenter()];

    /// <summary>Per page: body templates, Markdown, layouts, HTML post-processing with the consent gating.</summary>
    public static IBuildStep[] RenderSteps() => [new RenderBodyTemplates(), new RenderMarkdown(), new ApplyLayouts(), new PostProcessHtml([ConsentGating.For])];

    /// <summary>Checks and generated files over the whole rendered site.</summary>
    public static IBuildStep[] FinishSteps() =>
        [new CheckFormsHaveContactPoints(), new CheckInlineCode(), new GenerateSitemap(), new GenerateRobots(), new GenerateWellKnownFiles(), new GenerateHeadersFile(), new ValidateLinks()];

    /// <summary>Builds the site; returns the finished state and the warnings.</summary>
    /// <exception cref="BuildFailedException">with every error, when the input has any.</exception>
    /// <param name="afterStep">called with each step and the site after it.</param>
    public static (SiteState Site, IReadOnlyList<Diagnostic> Warnings) Build(BuildOptions options, IBuildReporter? reporter = null,
        Action<IBuildStep, SiteState>? afterStep = null)
    {
        var context = new BuildContext(options, reporter ?? IBuildReporter.Silent);
        var site = CreatePipeline().Run(context, afterStep: afterStep);
        return (site, context.Diagnostics.Warnings);
    }
}
