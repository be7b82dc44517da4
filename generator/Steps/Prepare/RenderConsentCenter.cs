using System.Collections.Immutable;
using System.Text;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Steps.Read;
using Express.Site.Templates;
using Scriban.Runtime;

namespace Express.Site.Steps.Prepare;

/// <summary>
/// Renders the privacy center's content (the theme's partial consent-center) once per language of the site into a
/// fingerprinted asset, /assets/consent-center.LANG.HASH.html, which the consent script loads when a visitor opens
/// the center. Every page would otherwise carry the same kilobytes of vendor details. Templates find the URLs in
/// <c>privacy.center_url[lang]</c>.
/// </summary>
public sealed class RenderConsentCenter : IBuildStep
{
    public const string Partial = "consent-center";

    public string Name => "privacy center";

    private readonly PerItem<Page, string> _langs = new(page => page.RequireMeta().Lang);

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Templates, SitePart.Model, SitePart.Meta };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var templates = site.RequireTemplates();
        if (site.Privacy is null || templates.Partial(Partial) is not { } partial) return site;
        var model = site.RequireModel();
        var renderer = new TemplateRenderer(templates, model, context.Options.TemplateLimits, context.Options.Cancellation);
        var urls = new ScriptObject();
        var files = new List<OutputFile>();
        var assets = site.Assets.Urls;
        // The center is rendered once per language, with the first page in it.
        var langs = _langs.Of(site.Pages, context);
        var firstPage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < langs.Length; i++) firstPage.TryAdd(langs[i], i);
        foreach (var (lang, at) in firstPage)
        {
            var page = site.Pages[at];
            var html = renderer.Render(partial.Template, page, null);
            var assetPath = AssetManifest.FingerprintedName($"consent-center.{lang}.html", Encoding.UTF8.GetBytes(html));
            var outputPath = $"{AssetManifest.OutputFolder}/{assetPath}";
            files.Add(OutputFile.Text(outputPath, partial.File.At(), html));
            urls[lang] = "/" + outputPath;
            assets = assets.SetItem($"consent-center.{lang}.html", "/" + outputPath);
        }
        // The model is read-only to templates (ScriptValues.Freeze); the build completes it before the pages render.
        ScriptValues.Freeze(urls);
        if (model.Globals[LoadPrivacyData.DataName] is ScriptObject privacy) privacy.SetValue("center_url", urls, readOnly: true);
        return site with { Files = [.. site.Files, .. files], Assets = new AssetManifest(assets) };
    }

    public string Summarize(SiteState site) => $"{site.Assets.Urls.Keys.Count(k => k.StartsWith("consent-center.", StringComparison.Ordinal))} language(s)";
}
