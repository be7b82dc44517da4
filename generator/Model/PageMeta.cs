namespace Express.Site.Model;

/// <summary>The front matter keys the generator itself understands, validated and typed.</summary>
public sealed record PageMeta(
    string Title,
    string? Description,
    string? Layout,
    string Lang,
    DateTime? Date,
    DateTime? Expires,
    bool Draft,
    int? Nav,
    string? Permalink,
    bool InSitemap,
    string? Collection)
{
    /// <summary>Past its expiry, but kept published as closed (a collection with 'keep_expired: true').</summary>
    public bool Closed { get; init; }
}
