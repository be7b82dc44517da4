using System.Text.RegularExpressions;
using Express.Site.Privacy;
using Express.Site.Reading;

namespace Express.Site.Steps.Check;

/// <summary>A way a written file could contact another host before consent: its line in the file, the text that does it, and what.</summary>
public sealed record Leak(int Line, string Snippet, string What);

/// <summary>
/// Defence in depth behind the gating: re-reads every written document, style sheet and script and reports anything
/// that could make the browser contact another host before the visitor consents. It reads documents with the same
/// browser-grade <see cref="DocumentReader"/> as the gating, but judges on its own and more widely: any address that
/// is not this site's in anything a browser fetches (in noscript, template and srcdoc too), any data: document,
/// any running script with a vendor's marker or another host's name. A bug in the gating is caught here.
/// </summary>
public sealed partial class StaticLeakAudit(PrivacyData? privacy, string siteHost)
{
    /// <summary>Output files a browser opens as a document.</summary>
    public static bool IsDocument(string outputPath) => Path.GetExtension(outputPath).ToLowerInvariant() is ".html" or ".htm" or ".xhtml" or ".xht" or ".shtml" or ".svg" or ".xml";

    public static bool IsStyleSheet(string outputPath) => outputPath.EndsWith(".css", StringComparison.OrdinalIgnoreCase);

    public static bool IsScript(string outputPath) => Path.GetExtension(outputPath).ToLowerInvariant() is ".js" or ".mjs";

    /// <summary>Every leak in one document, published at <paramref name="outputPath"/> (e.g. "kontakt/index.html").</summary>
    public IReadOnlyList<Leak> AuditDocument(string text, string outputPath)
    {
        var leaks = new List<Leak>();
        if (!outputPath.EndsWith("html", StringComparison.OrdinalIgnoreCase) && text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
            leaks.Add(new Leak(LineOf(text, "<!ENTITY"), "<!ENTITY", "declares XML entities, which a browser expands and the build cannot read"));
        var document = DocumentReader.Parse(text);
        leaks.AddRange(AuditDocument(DocumentReader.Read(document, AddressOf(outputPath), siteHost)));
        return leaks;
    }

    /// <summary>Every leak in a document already read (a page, read once for the gating and for this audit).</summary>
    public IReadOnlyList<Leak> AuditDocument(DocumentReading reading)
    {
        var leaks = new List<Leak>();
        // What the build cannot read as a browser would, it cannot clear.
        foreach (var problem in reading.Problems) leaks.Add(new Leak(problem.Line, problem.Snippet, $"cannot be read as a browser would: {problem.Message}"));
        foreach (var reference in reading.References)
        {
            if (reference.Use is ReferenceUse.Navigate or ReferenceUse.FormTarget) continue;
            var address = reference.Address;
            var what = address.Kind switch
            {
                AddressKind.Site or AddressKind.Blank => null,
                AddressKind.Data when !LoadsDocument(reference) => null,
                AddressKind.ThirdParty => $"contacts {address.ThirdPartyHost} before consent",
                AddressKind.Data => "loads a data: document the build cannot check",
                AddressKind.Script => "runs a javascript: URL",
                _ => "loads an address no browser rule makes safe",
            };
            if (what is not null)
                leaks.Add(new Leak(reference.Line, address.Written, $"<{reference.Element.LocalName} {reference.Attribute}=\"{Shorten(address.Written)}\"> {what}{Where(reference.Context)}"));
        }
        foreach (var script in reading.Scripts.Where(s => s.Kind.RunsCode() && s.Context != ReadContext.NoScript))
        {
            if (privacy?.Vendors.FirstOrDefault(v => v.Markers.Any(m => script.Text.Contains(m, StringComparison.Ordinal))) is { } vendor)
                leaks.Add(new Leak(script.Line, vendor.Markers.First(m => script.Text.Contains(m, StringComparison.Ordinal)), $"an inline <script> runs {vendor.Name}'s snippet before consent{Where(script.Context)}"));
            else if (OtherHostsIn(script.Text).FirstOrDefault() is { } host)
                leaks.Add(new Leak(script.Line, host, $"an inline <script> names {host} and runs before consent{Where(script.Context)}"));
            else if (RequestApi().Match(script.Text) is { Success: true } request)
                leaks.Add(new Leak(script.Line, request.Value, $"an inline <script> can send requests ({request.Value.Trim()}) and runs before consent{Where(script.Context)}"));
        }
        return leaks;
    }

    /// <summary>Every url() and @import of another host in a style sheet.</summary>
    public IReadOnlyList<Leak> AuditStyleSheet(string css, string outputPath)
    {
        var baseUrl = AddressOf(outputPath);
        return [.. CssReader.Urls(css)
            .Select(url => (url, address: WebAddress.Resolve(url.Url, baseUrl, siteHost)))
            .Where(u => u.address.Kind is not (AddressKind.Site or AddressKind.Blank or AddressKind.Data))
            .Select(u => new Leak(u.url.Line, u.url.Url, $"the style sheet loads {Shorten(u.url.Url)} without consent"))];
    }

    /// <summary>Every other host a script file names: it could contact it as soon as it runs.</summary>
    public IReadOnlyList<Leak> AuditScript(string script) =>
        [.. OtherHostsIn(script).Distinct().Select(host => new Leak(LineOf(script, host), host, $"the script names {host} and can contact it before consent"))];

    /// <summary>Where the file is published on this site, the base its relative URLs resolve against.</summary>
    private AngleSharp.Dom.Url AddressOf(string outputPath) => WebAddress.PageAddress(_siteAddress, outputPath);

    private readonly Uri _siteAddress = new($"https://{siteHost}/");

    /// <summary>data: URLs are harmless as images; as a frame's, object's, script's or style sheet's source they are a document or code of their own.</summary>
    private static bool LoadsDocument(Reference reference) => reference.Element.LocalName is "iframe" or "frame" or "object" or "embed" or "script" or "portal"
        || (reference.Element.LocalName == "link" && !(reference.Element.GetAttribute("rel") ?? "").Trim().Equals("icon", StringComparison.OrdinalIgnoreCase));

    private static string Where(ReadContext context) => context switch
    {
        ReadContext.NoScript => " (in <noscript>, for visitors without script)",
        ReadContext.Template => " (in <template>)",
        ReadContext.NestedDocument => " (in an iframe's srcdoc)",
        _ => "",
    };

    /// <summary>Hosts other than this site's named in free text as absolute or scheme-relative web addresses.</summary>
    private IEnumerable<string> OtherHostsIn(string text) => HostPattern().Matches(text)
        .Select(m => m.Groups[1].Value.ToLowerInvariant().TrimEnd('.'))
        .Where(host => host.Contains('.') && !host.Equals(siteHost, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?:^|[^A-Za-z0-9])(?:https?:|wss?:)?(?://|\\\\)([A-Za-z0-9][A-Za-z0-9.-]*)")]
    private static partial Regex HostPattern();

    /// <summary>The ways script makes a request or loads code: the site's own inline code needs none of them (its scripts are files).</summary>
    [GeneratedRegex(@"\b(?:fetch|sendBeacon|XMLHttpRequest|WebSocket|EventSource|Image|import|createElement|open|write|writeln|insertAdjacentHTML|setAttribute)\s*\(|\.(?:src|href|innerHTML|outerHTML|action|location)\s*=")]
    private static partial Regex RequestApi();

    private static int LineOf(string text, string needle) => text.AsSpan(0, Math.Max(0, text.IndexOf(needle, StringComparison.Ordinal))).Count('\n') + 1;

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
