namespace Express.Site.Privacy;

/// <summary>
/// A host a vendor loads from or sends to: exact ("www.facebook.com") or a wildcard for every subdomain
/// ("*.google-analytics.com" matches www.google-analytics.com and region1.google-analytics.com, not the bare domain).
/// </summary>
public sealed record HostPattern(string Pattern)
{
    public bool IsWildcard => Pattern.StartsWith("*.", StringComparison.Ordinal);

    private string Suffix => Pattern[1..]; // ".google-analytics.com"

    public bool Matches(string host) => IsWildcard
        ? host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && host.Length > Suffix.Length
        : host.Equals(Pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether some host would match both patterns.</summary>
    public bool Overlaps(HostPattern other) => (IsWildcard, other.IsWildcard) switch
    {
        (false, false) => Pattern.Equals(other.Pattern, StringComparison.OrdinalIgnoreCase),
        (true, false) => Matches(other.Pattern),
        (false, true) => other.Matches(Pattern),
        _ => Suffix.EndsWith(other.Suffix, StringComparison.OrdinalIgnoreCase) || other.Suffix.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Null when the text is a valid host or wildcard, else why not.</summary>
    public static string? Problem(string text)
    {
        var host = text.StartsWith("*.", StringComparison.Ordinal) ? text[2..] : text;
        if (host.Contains("://") || host.Contains('/')) return "write only the host name, without https:// or a path";
        if (host.Contains('*')) return "a wildcard may only be a leading '*.'";
        return Uri.CheckHostName(host) == UriHostNameType.Dns && host.Contains('.') ? null : "this is not a host name";
    }

    public override string ToString() => Pattern;
}
