using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Render;

/// <summary>
/// What every page's rendering depends on besides the page, its templates and the page lists (which
/// <see cref="TemplateDependencies"/> records per page): the data files (and so the settings and the privacy facts
/// made from them), the fingerprinted asset URLs (the privacy center's included), the build date and the folders.
/// Equal when all of these are the same: a data file by identity (unchanged files keep theirs), the rest by value.
/// </summary>
public sealed class RenderInputs
{
    private readonly SiteState _site;
    private readonly BuildContext _context;

    private RenderInputs(SiteState site, BuildContext context) => (_site, _context) = (site, context);

    public static RenderInputs Of(SiteState site, BuildContext context) => new(site, context);

    public override bool Equals(object? obj) => obj is RenderInputs other
        && _site.SameDataAs(other._site)
        && _site.Assets.Urls.Count == other._site.Assets.Urls.Count
        && _site.Assets.Urls.All(a => other._site.Assets.Urls.GetValueOrDefault(a.Key) == a.Value)
        && _context.Options == other._context.Options;

    public override int GetHashCode() => _context.Options.GetHashCode();

}
