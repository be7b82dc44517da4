using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Steps.Read;

namespace Express.Site.Steps.Prepare;

/// <summary>
/// Copies the theme's assets/ to /assets/ with a content hash in each file name, so they can be cached forever;
/// templates ask for the URL with the <c>asset</c> function.
/// </summary>
public sealed class FingerprintAssets : IBuildStep
{
    // The fingerprinted name of each asset as last computed, with the file's size and time then.
    private Dictionary<string, (long Length, DateTime Written, string OutputPath)> _last = new(StringComparer.Ordinal);

    public string Name => "assets";

    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Assets };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var folder = Path.Combine(context.Options.ThemeDir, "assets");
        if (!Directory.Exists(folder)) return site;
        var files = FolderWalker.Files(folder, context, skip: relative => Path.GetFileName(relative).StartsWith('.'), within: context.Options.ThemeDir)
            .Where(path => IsPublished(path, context)).ToList();
        var outputs = context.Map(files, path =>
        {
            var assetPath = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var info = new FileInfo(path);
            var outputPath = _last.GetValueOrDefault(path) is { OutputPath: { } known } last && !context.MayHaveChanged(path)
                             && last.Length == info.Length && last.Written == info.LastWriteTimeUtc
                ? known
                : $"{AssetManifest.OutputFolder}/{AssetManifest.FingerprintedName(assetPath, File.ReadAllBytes(path))}";
            return (path, info.Length, info.LastWriteTimeUtc, assetPath, file: OutputFile.Copy(outputPath, new SourceLocation(context.Display(path)), path));
        });
        _last = outputs.ToDictionary(o => o.path, o => (o.Length, o.LastWriteTimeUtc, o.file.OutputPath), StringComparer.Ordinal);

        return site with
        {
            Files = [.. site.Files, .. outputs.Select(o => o.file)],
            Assets = new AssetManifest(outputs.ToImmutableDictionary(o => o.assetPath, o => "/" + o.file.OutputPath, StringComparer.Ordinal)),
        };
    }

    private static bool IsPublished(string path, BuildContext context)
    {
        if (PublishableFiles.WhyNotPublished(Path.GetFileName(path), themeAsset: true) is not { } reason) return true;
        context.Report(Diagnostic.Warning(new SourceLocation(context.Display(path)), $"not published: {reason.Why}", reason.Fix));
        return false;
    }

    public string Summarize(SiteState site) => $"{site.Assets.Urls.Count} assets";
}
