using Express.Site.Yaml;

namespace Express.Site.Model;

/// <summary>
/// A collection from site.yml's 'collections': the pages in the folder of that name (not its index.md) share a
/// default layout, a sort key, required front matter keys, and may take their expiry from a date key.
/// </summary>
public sealed record CollectionConfig(string Name, string? Layout, string? SortBy, string? ExpiresFrom, IReadOnlyList<string> Required)
{
    /// <summary>More front matter keys the collection's pages may have ('front_matter_keys'), besides the required ones.</summary>
    public IReadOnlyList<string> FrontMatterKeys { get; init; } = [];

    /// <summary>Keys whose value must be one of a list ('one_of: {employment_type: [FULL_TIME, ...]}').</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OneOf { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Date keys that may not be before another date key ('not_before: {deadline: date}').</summary>
    public IReadOnlyDictionary<string, string> NotBefore { get; init; } = new Dictionary<string, string>();

    /// <summary>'keep_expired: true': a page past its expiry stays published as closed (page.closed), out of the
    /// collection's list, the sitemap and search results, so that links to it keep working.</summary>
    public bool KeepExpired { get; init; }

    public static IReadOnlyDictionary<string, CollectionConfig> FromSiteConfig(YamlMap site)
    {
        var collections = FrontMatterValues.OptionalMap(site, "collections");
        if (collections is null) return new Dictionary<string, CollectionConfig>();
        return collections.Keys.ToDictionary(name => name, name =>
        {
            var config = FrontMatterValues.OptionalMap(collections, name) ?? new YamlMap(collections.LocationOf(name));
            return new CollectionConfig(name,
                FrontMatterValues.OptionalString(config, "layout"),
                FrontMatterValues.OptionalString(config, "sort_by"),
                FrontMatterValues.OptionalString(config, "expires_from"),
                FrontMatterValues.OptionalStringList(config, "required"))
            {
                FrontMatterKeys = FrontMatterValues.OptionalStringList(config, Model.FrontMatterKeys.SiteKey),
                OneOf = FrontMatterValues.OptionalMap(config, "one_of") is { } oneOf
                    ? oneOf.Keys.ToDictionary(key => key, key => FrontMatterValues.OptionalStringList(oneOf, key))
                    : new Dictionary<string, IReadOnlyList<string>>(),
                NotBefore = FrontMatterValues.OptionalMap(config, "not_before") is { } notBefore
                    ? notBefore.Keys.ToDictionary(key => key, key => FrontMatterValues.RequiredString(notBefore, key, "date"))
                    : new Dictionary<string, string>(),
                KeepExpired = FrontMatterValues.OptionalBool(config, "keep_expired", false),
            };
        });
    }

    /// <summary>The collection a page belongs to: its first folder, unless it is that folder's index page.</summary>
    public static CollectionConfig? For(string pathInInput, IReadOnlyDictionary<string, CollectionConfig> collections)
    {
        var parts = pathInInput.Split('/');
        if (parts.Length < 2 || parts[^1].Equals("index.md", StringComparison.OrdinalIgnoreCase)) return null;
        return collections.GetValueOrDefault(parts[0]);
    }
}
