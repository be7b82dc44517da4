using System.Text.RegularExpressions;

namespace Express.Site.Steps.Consent;

/// <summary>Which attributes make the browser load something, and the hosts named in them.</summary>
public static partial class ResourceAttributes
{
    /// <summary>The attributes of <paramref name="element"/> that load a resource without a click.</summary>
    public static string[] For(string element, string? rel = null) => element switch
    {
        "script" or "iframe" or "embed" or "track" or "frame" => ["src"],
        "img" => ["src", "srcset"],
        "source" => ["src", "srcset"],
        "video" => ["src", "poster"],
        "audio" => ["src"],
        "object" => ["data"],
        "input" => ["src"], // <input type="image">
        "link" when rel is not null && LoadingRel(rel) => ["href"],
        _ => [],
    };

    /// <summary>Link relations that make the browser fetch or connect: everything but navigation links.</summary>
    public static bool LoadingRel(string rel) => rel.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Any(r => r.ToLowerInvariant() is "stylesheet" or "preload" or "prefetch" or "preconnect" or "dns-prefetch" or "modulepreload" or "icon" or "apple-touch-icon" or "manifest" or "prerender");

    /// <summary>The URLs in an attribute value: one, or several for srcset.</summary>
    public static IEnumerable<string> Urls(string attribute, string value) => attribute == "srcset"
        ? value.Split(',').Select(c => c.Trim().Split(' ')[0]).Where(u => u.Length > 0)
        : [value.Trim()];

    /// <summary>The URLs in CSS url(...) of a style attribute or element.</summary>
    public static IEnumerable<string> CssUrls(string css) =>
        CssUrl().Matches(css).Select(m => m.Groups[2].Value.Trim());

    /// <summary>The host a URL would contact, when it is another site's; null for this site, relative URLs and data:.</summary>
    public static string? ThirdPartyHost(string url, string siteHost)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal)) trimmed = "https:" + trimmed;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss")) return null;
        return uri.Host.Equals(siteHost, StringComparison.OrdinalIgnoreCase) ? null : uri.Host.ToLowerInvariant();
    }

    [GeneratedRegex(@"url\(\s*(['""]?)([^'"")]+)\1\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
