using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using Express.Site.Core;
using Express.Site.Model;
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

        CountInlineCode(site.Pages, context.RunsAgain);
        _policy = ContentSecurityPolicy.For(site.Privacy?.Data, _inlineCode.Scripts.Keys, _inlineCode.Styles.Keys);

        var text = new StringBuilder("# Written by the build (express-site): security headers and caching for Netlify. Do not edit; rebuild.\n/*\n");
        text.Append("  Content-Security-Policy: ").Append(_policy).Append('\n');
        foreach (var (name, value) in SecurityHeaders) text.Append($"  {name}: {value}\n");
        var fingerprinted = site.Assets.Urls.Values.Append(site.Privacy?.ConfigUrl).OfType<string>().Order(StringComparer.Ordinal);
        foreach (var url in fingerprinted) text.Append($"\n{url}\n  Cache-Control: {ImmutableCaching}\n");
        return site with { Files = [.. site.Files, OutputFile.Text(FileName, new SourceLocation("(generated)"), text.ToString())] };
    }

    // How many pages carry each inline script and style the policy allows, with the pages they were counted from:
    // the preview's next run counts again only the pages whose scan changed (the others keep their scan object).
    private (Dictionary<string, int> Scripts, Dictionary<string, int> Styles) _inlineCode = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
    private Page[] _counted = [];

    private void CountInlineCode(ImmutableArray<Page> pages, bool runsAgain)
    {
        if (pages.Length != _counted.Length || _counted.Length == 0)
        {
            _inlineCode = (new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal));
            foreach (var page in pages) Count(page.Scan, +1);
        }
        else
        {
            for (var i = 0; i < pages.Length; i++)
            {
                if (ReferenceEquals(pages[i], _counted[i]) || ReferenceEquals(pages[i].Scan, _counted[i].Scan)) continue;
                Count(_counted[i].Scan, -1);
                Count(pages[i].Scan, +1);
            }
        }
        _counted = runsAgain ? [.. pages] : [];
    }

    private void Count(PageScan scan, int change)
    {
        foreach (var script in scan.InlineScripts)
            if ((script.ConsentVendor is not null || script.NeedsHash) && !string.IsNullOrWhiteSpace(script.Text)) Count(_inlineCode.Scripts, script.Text, change);
        foreach (var style in scan.InlineStyles) Count(_inlineCode.Styles, style.Text, change);
    }

    private static void Count(Dictionary<string, int> counts, string text, int change)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, text, out _);
        count += change;
        if (count == 0) counts.Remove(text);
    }

    public string Summarize(SiteState site) => _policy is null ? "" :
        $"CSP with {_policy.ScriptHashes.Count} script and {_policy.StyleHashes.Count} style hashes, {_policy.VendorSources.Count} vendor hosts";
}
