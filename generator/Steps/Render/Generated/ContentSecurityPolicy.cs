using System.Security.Cryptography;
using System.Text;
using Express.Site.Privacy;

namespace Express.Site.Steps.Render.Generated;

/// <summary>
/// The site's Content-Security-Policy: nothing by default, then each kind of request from the site itself, inline code only by hash (no 'unsafe-inline',
/// no eval), and third-party hosts only as the privacy data declares them. The hosts are allowed for every kind of
/// request a tag makes (script, beacon, pixel, frame, media), since a tag loads only after consent anyway; the policy
/// is the second lock, keeping out whatever the declaration does not name.
/// </summary>
public sealed record ContentSecurityPolicy(IReadOnlyList<string> VendorSources, IReadOnlyList<string> ScriptHashes, IReadOnlyList<string> StyleHashes)
{
    public static ContentSecurityPolicy For(PrivacyData? privacy, IEnumerable<string> inlineScripts, IEnumerable<string> inlineStyles) => new(
        [.. (privacy?.Vendors ?? []).SelectMany(v => v.Hosts).Select(h => "https://" + h.Pattern.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)],
        [.. inlineScripts.Distinct(StringComparer.Ordinal).Select(Hash).Distinct().Order(StringComparer.Ordinal)],
        [.. inlineStyles.Distinct(StringComparer.Ordinal).Select(Hash).Distinct().Order(StringComparer.Ordinal)]);

    /// <summary>The CSP source for an inline script or style: 'sha256-…' of its text as the browser sees it.</summary>
    public static string Hash(string text)
    {
        // The browser normalises line breaks before it parses, so the hash is of the text with \n only.
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))}'";
    }

    public IEnumerable<(string Directive, IReadOnlyList<string> Sources)> Directives()
    {
        // Nothing by default: every kind of request the site makes has its own directive below, so a kind nobody
        // thought of (a worker, a manifest, a prefetch) is refused rather than allowed.
        yield return ("default-src", ["'none'"]);
        yield return ("script-src", ["'self'", .. ScriptHashes, .. VendorSources]);
        yield return ("style-src", ["'self'", .. StyleHashes]);
        yield return ("img-src", ["'self'", "data:", .. VendorSources]);
        yield return ("connect-src", ["'self'", .. VendorSources]);
        yield return ("frame-src", VendorSources.Count > 0 ? VendorSources : ["'none'"]);
        yield return ("media-src", ["'self'", .. VendorSources]);
        yield return ("font-src", ["'self'"]);
        yield return ("object-src", ["'none'"]);
        yield return ("base-uri", ["'none'"]);
        yield return ("form-action", ["'self'"]);
        yield return ("frame-ancestors", ["'none'"]);
    }

    public override string ToString() => string.Join("; ", Directives().Select(d => $"{d.Directive} {string.Join(' ', d.Sources)}"));
}
