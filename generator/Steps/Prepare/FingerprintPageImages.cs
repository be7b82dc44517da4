using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Prepare;

/// <summary>
/// Publishes each image of input/ a second time under a fingerprinted name ("bilder/kontor.jpg" ->
/// "bilder/kontor.1a2b3c4d5e.jpg"), cached for a year like the theme's assets, and reads its size, so that the
/// Markdown step can write &lt;img&gt; with that URL, width and height. The original stays published for links.
/// </summary>
public sealed class FingerprintPageImages : IBuildStep
{
    public static readonly IReadOnlySet<string> ImageTypes =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg" };

    public string Name => "page images";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var input = context.Options.InputDir;
        var images = site.Files
            .Where(f => f.CopyFrom is { } from && ImageTypes.Contains(Path.GetExtension(from)) && !f.OutputPath.StartsWith(AssetManifest.OutputFolder + "/", StringComparison.Ordinal)
                && from.StartsWith(input + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        var published = context.Map(images, file =>
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.CopyFrom!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SiteException(file.Origin, $"cannot read the image: {e.Message}", "check that the file exists and is readable");
            }
            var output = AssetManifest.FingerprintedName(file.OutputPath, bytes);
            var size = ImageDimensions.Read(file.CopyFrom!);
            if (size is null && !file.OutputPath.EndsWith(".avif", StringComparison.OrdinalIgnoreCase))
                context.Report(Diagnostic.Warning(file.Origin, "cannot read the image's width and height, so pages that show it may shift while it loads",
                    "check that the file is a real image of the type its name says (open it, and save it again as PNG, JPEG, GIF, WebP or SVG)"));
            return (SitePath: "/" + file.OutputPath, File: file with { OutputPath = output }, Image: new PageImage("/" + output, size?.Width, size?.Height));
        });
        var known = site.Files.Select(f => f.OutputPath).ToHashSet(StringComparer.Ordinal);
        return site with
        {
            Files = [.. site.Files, .. published.Select(p => p.File).Where(f => !known.Contains(f.OutputPath))],
            Assets = site.Assets with
            {
                // listed with the theme assets (under a key no theme path can have) for the year-long caching in _headers
                Urls = site.Assets.Urls.SetItems(published.Select(p => KeyValuePair.Create("input:" + p.SitePath, p.Image.Url))),
                Images = published.ToImmutableDictionary(p => p.SitePath, p => p.Image, StringComparer.Ordinal),
            },
        };
    }

    public string Summarize(SiteState site) => $"{site.Assets.Images.Count} images";
}
