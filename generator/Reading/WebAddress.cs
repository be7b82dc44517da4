using System.Collections.Concurrent;
using AngleSharp.Dom;

namespace Express.Site.Reading;

/// <summary>What a URL in a page means to a browser, resolved by the WHATWG URL standard (AngleSharp's <see cref="Url"/>).</summary>
public enum AddressKind
{
    /// <summary>This site: a relative URL, or the site's own host.</summary>
    Site,
    /// <summary>Another host over the network (http, https, ws, wss, ftp).</summary>
    ThirdParty,
    /// <summary>A data: URL: no request, but a document or code of its own.</summary>
    Data,
    /// <summary>javascript:, which runs code.</summary>
    Script,
    /// <summary>about:blank and friends: nothing is fetched.</summary>
    Blank,
    /// <summary>mailto:, tel: and the like: they leave the browser, never load by themselves.</summary>
    External,
    /// <summary>Anything else (blob:, file:, an unknown scheme, an address the parser rejects): not classifiable.</summary>
    Unknown,
}

/// <summary>A URL as written, resolved against the document's base as a browser resolves it.</summary>
public sealed record WebAddress(string Written, Url Resolved, AddressKind Kind)
{
    private static readonly HashSet<string> NetworkSchemes = ["http", "https", "ws", "wss", "ftp"];
    private static readonly HashSet<string> LeavingSchemes = ["mailto", "tel", "sms", "callto", "geo"];

    /// <summary>The host a third-party address contacts; null for every other kind.</summary>
    public string? ThirdPartyHost => Kind == AddressKind.ThirdParty ? Resolved.HostName.ToLowerInvariant() : null;

    /// <summary>
    /// Addresses resolved before whose result depends only on the start of an http(s) base (scheme, credentials,
    /// host, port) and not on its path: a site's pages share most of their links ("/kontakt/", "/assets/...",
    /// "https://..."), and parsing each again was a tenth of the HTML step. Bounded, for a long-running preview.
    /// </summary>
    private static readonly ConcurrentDictionary<Key, WebAddress> Known = new();

    private const int KnownLimit = 100_000;

    /// <summary>How many addresses <see cref="Known"/> holds: its own Count takes every lock of the table, and was
    /// called on each miss from every thread at once (a third of the HTML step's time went to waiting for it).</summary>
    private static int _knownCount;

    /// <summary>What a kept resolution depends on: the address, the site's host, and the start of the base (empty for
    /// an absolute address, which depends on no base).</summary>
    private readonly record struct Key(string Written, string SiteHost, string Scheme, string UserName, string Password, string HostName, string Port);

    /// <summary>Resolves <paramref name="written"/> against <paramref name="baseUrl"/>; <paramref name="siteHost"/> is this site's host.</summary>
    public static WebAddress Resolve(string written, Url baseUrl, string siteHost)
    {
        if (PathIndependentKey(written, baseUrl, siteHost) is not { } key) return Parse(written, baseUrl, siteHost);
        if (Known.TryGetValue(key, out var known)) return known;
        var address = Parse(written, baseUrl, siteHost);
        if (Volatile.Read(ref _knownCount) < KnownLimit && Known.TryAdd(key, address)) Interlocked.Increment(ref _knownCount);
        return address;
    }

    private static WebAddress Parse(string written, Url baseUrl, string siteHost)
    {
        var url = new Url(baseUrl, written);
        return new WebAddress(written, url, Classify(url, siteHost));
    }

    /// <summary>
    /// The key when the result does not depend on the base's path: for a path-absolute or scheme-relative address
    /// ("/x", "//host/x", and "/\x", which a browser reads as "//x") against an http(s) base, whose URL always has a
    /// host and no opaque path; for an absolute http(s) address with its "//", on no base at all. Anything else
    /// (relative paths, "?q", "#f", "https:x", other schemes, leading spaces) is parsed every time: null.
    /// </summary>
    private static Key? PathIndependentKey(string written, Url baseUrl, string siteHost)
    {
        if (written.StartsWith("https://", StringComparison.Ordinal) || written.StartsWith("http://", StringComparison.Ordinal))
            return new Key(written, siteHost, "", "", "", "", "");
        if (!written.StartsWith('/') || baseUrl.Scheme is not ("http" or "https")) return null;
        return new Key(written, siteHost, baseUrl.Scheme, baseUrl.UserName ?? "", baseUrl.Password ?? "", baseUrl.HostName, baseUrl.Port);
    }

    private static AddressKind Classify(Url url, string siteHost)
    {
        if (url.IsInvalid) return AddressKind.Unknown;
        var scheme = url.Scheme.ToLowerInvariant();
        if (NetworkSchemes.Contains(scheme))
            return url.HostName.Equals(siteHost, StringComparison.OrdinalIgnoreCase) ? AddressKind.Site
                : string.IsNullOrEmpty(url.HostName) ? AddressKind.Unknown : AddressKind.ThirdParty;
        return scheme switch
        {
            "data" => AddressKind.Data,
            "javascript" => AddressKind.Script,
            "about" => AddressKind.Blank,
            _ when LeavingSchemes.Contains(scheme) => AddressKind.External,
            _ => AddressKind.Unknown,
        };
    }

    /// <summary>The address of a page of the site, as the base its relative URLs resolve against.</summary>
    public static Url PageAddress(Uri siteBase, string pageUrl)
    {
        // A site has one address: parsed once, not again for every page (AngleSharp only reads a base URL).
        var known = _siteAddress;
        if (known is null || !ReferenceEquals(known.Uri, siteBase)) _siteAddress = known = new SiteAddress(siteBase, new Url(siteBase.AbsoluteUri));
        return new Url(known.Parsed, pageUrl);
    }

    private sealed record SiteAddress(Uri Uri, Url Parsed);

    private static SiteAddress? _siteAddress;
}
