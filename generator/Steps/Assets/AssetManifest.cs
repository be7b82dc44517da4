using System.Collections.Immutable;

namespace Express.Site.Steps.Assets;

/// <summary>Maps a theme asset's path ("css/site.css") to its fingerprinted URL ("/assets/css/site.1a2b3c4d5e.css").</summary>
public sealed record AssetManifest(ImmutableDictionary<string, string> Urls)
{
    public static readonly AssetManifest Empty = new(ImmutableDictionary<string, string>.Empty);

    public string? UrlFor(string assetPath) => Urls.GetValueOrDefault(assetPath.TrimStart('/'));
}
