using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Express.Site.Model;

/// <summary>Maps a theme asset's path ("css/site.css") to its fingerprinted URL ("/assets/css/site.1a2b3c4d5e.css").</summary>
public sealed record AssetManifest(ImmutableDictionary<string, string> Urls)
{
    /// <summary>The output folder of the fingerprinted files: theme assets and generated ones.</summary>
    public const string OutputFolder = "assets";

    public static readonly AssetManifest Empty = new(ImmutableDictionary<string, string>.Empty);

    /// <summary>The images in input/ by their site path ("/bilder/kontor.jpg"): fingerprinted URL and size.</summary>
    public ImmutableDictionary<string, PageImage> Images { get; init; } = ImmutableDictionary<string, PageImage>.Empty;

    public string? UrlFor(string assetPath) => Urls.GetValueOrDefault(assetPath.TrimStart('/'));

    /// <summary>"css/site.css" -> "css/site.1a2b3c4d5e.css" (the first 10 hex digits of the SHA-256 of the content).</summary>
    public static string FingerprintedName(string assetPath, byte[] content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..10];
        var extension = Path.GetExtension(assetPath);
        return $"{assetPath[..^extension.Length]}.{hash}{extension}";
    }
}

/// <summary>An image from input/ as pages show it: its fingerprinted URL and its size in pixels (null when unreadable).</summary>
public sealed record PageImage(string Url, int? Width, int? Height);
