using Express.Site.Pipeline;
using Express.Site.Steps.Read;
using Express.Site.Steps.Render;
using Express.Site.Steps.Render.Markdown;

namespace Express.Site.Tests.Unit;

/// <summary>Steps declare what they need; a step before what it needs is an error when the pipeline is put together.</summary>
public sealed class PipelineOrderTests
{
    [Fact]
    public void The_sites_pipeline_has_every_step_after_what_it_needs()
    {
        var pipeline = SiteBuilder.CreatePipeline();
        Assert.Contains(pipeline.Steps, s => s.Needs.Count > 0);
    }

    [Fact]
    public void A_step_before_what_it_needs_is_an_error_before_anything_runs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BuildPipeline([new ReadSiteSettings(), new LoadDataFiles()]));
        Assert.Equal("the step 'settings' needs Data, which no step before it makes: move it after 'data'", error.Message);

        error = Assert.Throws<InvalidOperationException>(() => new BuildPipeline([new RenderMarkdown(), new ApplyLayouts()]));
        Assert.StartsWith("the step 'markdown' needs FrontMatter, Settings, Assets, which no step before it makes", error.Message);
    }
}
