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

    /// <summary>Resolves <paramref name="written"/> against <paramref name="baseUrl"/>; <paramref name="siteHost"/> is this site's host.</summary>
    public static WebAddress Resolve(string written, Url baseUrl, string siteHost)
    {
        var url = new Url(baseUrl, written);
        return new WebAddress(written, url, Classify(url, siteHost));
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
    public static Url PageAddress(Uri siteBase, string pageUrl) => new(new Url(siteBase.AbsoluteUri), pageUrl);
}
