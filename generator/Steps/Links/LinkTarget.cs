namespace Express.Site.Steps.Links;

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
        var pageUri = new Uri(baseUri, pageUrl);
        if (!Uri.TryCreate(pageUri, href, out var target)) return new LinkTarget(href, null);
        if (target.Scheme is not ("http" or "https") || !string.Equals(target.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase))
            return null;
        var fragment = target.Fragment.Length > 1 ? Uri.UnescapeDataString(target.Fragment[1..]) : null;
        return new LinkTarget(Uri.UnescapeDataString(target.AbsolutePath), fragment);
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
