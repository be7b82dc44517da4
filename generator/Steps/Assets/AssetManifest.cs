using System.Collections.Immutable;

namespace Express.Site.Steps.Assets;

/// <summary>Maps a theme asset's path ("css/site.css") to its fingerprinted URL ("/assets/css/site.1a2b3c4d5e.css").</summary>
public sealed record AssetManifest(ImmutableDictionary<string, string> Urls)
{
    public static readonly AssetManifest Empty = new(ImmutableDictionary<string, string>.Empty);

    /// <summary>The images in input/ by their site path ("/bilder/kontor.jpg"): fingerprinted URL and size.</summary>
    public ImmutableDictionary<string, PageImage> Images { get; init; } = ImmutableDictionary<string, PageImage>.Empty;

    public string? UrlFor(string assetPath) => Urls.GetValueOrDefault(assetPath.TrimStart('/'));
}

/// <summary>An image from input/ as pages show it: its fingerprinted URL and its size in pixels (null when unreadable).</summary>
public sealed record PageImage(string Url, int? Width, int? Height);
