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
    public static BuildPipeline CreatePipeline() => new(
    [
        new LoadDataFiles(),
        new ReadSiteSettings(),
        new LoadPrivacyData(),
        new ReadSources(),
        new SplitFrontMatter(),
        new ValidatePages(),
        new FilterUnpublished(),
        new AssignUrls(),
        new FingerprintAssets(),
        new LoadTemplates(),
        new BuildTemplateModel(),
        new RenderBodyTemplates(),
        new RenderMarkdown(),
        new ApplyLayouts(),
        new PostProcessHtml([ConsentGating.For]),
        new CheckFormsHaveContactPoints(),
        new CheckInlineCode(),
        new GenerateSitemap(),
        new GenerateRobots(),
        new GenerateHeadersFile(),
        new ValidateLinks(),
        new WriteOutput([new AuditOutputForLeaks()]),
    ]);

    /// <summary>Builds the site; returns the finished state and the warnings.</summary>
    /// <exception cref="BuildFailedException">with every error, when the input has any.</exception>
    public static (SiteState Site, IReadOnlyList<Diagnostic> Warnings) Build(BuildOptions options, IBuildReporter? reporter = null)
    {
        var context = new BuildContext(options, reporter ?? IBuildReporter.Silent);
        var site = CreatePipeline().Run(context);
        return (site, context.Diagnostics.Warnings);
    }
}
