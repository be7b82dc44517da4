using Express.Site.Core;
using Express.Site.Pipeline;
using Markdig;
using Markdig.Renderers;

namespace Express.Site.Steps.Markdown;

/// <summary>Turns each page body from Markdown into HTML, checking and completing its images (<see cref="PageImages"/>).</summary>
public sealed class RenderMarkdown : IBuildStep
{
    private readonly StepMemo<Page, Page> _memo = new();

    public string Name => "markdown";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.FrontMatter, SitePart.Settings, SitePart.Assets };

    public int WorkItems(SiteState site) => site.Pages.Length;

}
