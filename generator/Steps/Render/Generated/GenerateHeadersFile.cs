using System.Text;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Render.Generated;

/// <summary>
/// Writes Netlify's _headers file: the security headers for every page, with a Content-Security-Policy that allows
/// exactly the inline code the build emitted and the hosts the privacy data declares, and a year's immutable caching
/// for the fingerprinted assets.
/// </summary>
public sealed class GenerateHeadersFile : IBuildStep
{
    public const string FileName = "_headers";

    /// <summary>The headers every response gets, besides the Content-Security-Policy.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> SecurityHeaders =
    [
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    private ContentSecurityPolicy? _policy;

    public string Name => "headers";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Scan, SitePart.Assets };

    public SiteState Run(SiteState site, BuildContext context)
    {
        if (site.Files.FirstOrDefault(f => f.OutputPath == FileName) is { } own)
            throw new SiteException(own.Origin, $"the build writes {FileName} itself, with the Content-Security-Policy that fits the pages",
                $"remove this file; to change a header, change the generator ({nameof(GenerateHeadersFile)})");

        var scripts = site.Pages.SelectMany(p => p.Scan.InlineScripts).Where(s => (s.ConsentVendor is not null || s.NeedsHash) && !string.IsNullOrWhiteSpace(s.Text)).Select(s => s.Text);
        var styles = site.Pages.SelectMany(p => p.Scan.InlineStyles).Select(s => s.Text);
        _policy = ContentSecurityPolicy.For(site.Privacy?.Data, scripts, styles);

        var text = new StringBuilder("# Written by the build (express-site): security headers and caching for Netlify. Do not edit; rebuild.\n/*\n");
        text.Append("  Content-Security-Policy: ").Append(_policy).Append('\n');
        foreach (var (name, value) in SecurityHeaders) text.Append($"  {name}: {value}\n");
        var fingerprinted = site.Assets.Urls.Values.Append(site.Privacy?.ConfigUrl).OfType<string>().Order(StringComparer.Ordinal);
        foreach (var url in fingerprinted) text.Append($"\n{url}\n  Cache-Control: {ImmutableCaching}\n");
        return site with { Files = [.. site.Files, OutputFile.Text(FileName, new SourceLocation("(generated)"), text.ToString())] };
    }

    public string Summarize(SiteState site) => _policy is null ? "" :
        $"CSP with {_policy.ScriptHashes.Count} script and {_policy.StyleHashes.Count} style hashes, {_policy.VendorSources.Count} vendor hosts";
}
