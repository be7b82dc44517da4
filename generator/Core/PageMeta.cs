namespace Express.Site.Core;

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
    string? Collection);
