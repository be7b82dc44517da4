namespace Express.Site.Reading;

/// <summary>Where a link points inside the site: the output file it needs and the fragment, if any.</summary>
public sealed record LinkTarget(string Path, string? Fragment)
{
    /// <summary>
    /// Resolves <paramref name="href"/> as written on the page at <paramref name="pageUrl"/>. Returns null for links
    /// that leave the site (other hosts, mailto:, tel:, ...), which are not checked.
    /// </summary>
    public static LinkTarget? Resolve(string href, string pageUrl, Uri baseUri)
    {
        if (href.Length == 0) return null;
        // The WHATWG URL standard, as the browser reads it: https:///host, \\host and tabs in a URL all lead elsewhere.
        var address = WebAddress.Resolve(href, WebAddress.PageAddress(baseUri, pageUrl), baseUri.Host);
        if (address.Kind != AddressKind.Site) return address.Kind == AddressKind.Unknown && address.Resolved.IsInvalid ? new LinkTarget(href, null) : null;
        var target = address.Resolved;
        var fragment = string.IsNullOrEmpty(target.Fragment) ? null : Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
        return new LinkTarget(Uri.UnescapeDataString(target.Path.StartsWith('/') ? target.Path : "/" + target.Path), fragment is { Length: > 0 } ? fragment : null);
    }

    /// <summary>The output files that would answer this path, in the order a static host tries them.</summary>
    public IEnumerable<string> CandidateFiles()
    {
        var relative = Path.TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/')) { yield return relative + "index.html"; yield break; }
        yield return relative;
        yield return relative + "/index.html";
    }
}
