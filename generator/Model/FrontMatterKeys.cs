using System.Collections.Concurrent;
using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Model;

/// <summary>
/// Checks a page's front matter keys against the keys the build knows: the generator's own, those the theme's layouts
/// declare in their front matter ('front_matter_keys: [lead]'), those site.yml declares in 'front_matter_keys', and,
/// in a collection, its required keys and its own 'front_matter_keys'. A key one or two typing mistakes away from a known key ('darft', 'expire') is an error,
/// because the page would otherwise be published as if the key were missing; any other unknown key is a warning.
/// </summary>
public sealed class FrontMatterKeys(IEnumerable<string> known)
{
    /// <summary>The keys the generator itself reads.</summary>
    public static readonly IReadOnlyList<string> GeneratorKeys =
        ["title", "description", "layout", "permalink", "nav", "date", "expires", "draft", "lang", "sitemap", "noindex", "aliases"];

    public const string SiteKey = "front_matter_keys";

    private readonly HashSet<string> _known = [.. known];

    // An undeclared key is usually on many pages ('tags' on every post): its nearest known key is looked for once.
    private readonly ConcurrentDictionary<string, string?> _nearest = new(StringComparer.Ordinal);

    /// <param name="themeKeys">the keys the theme's layouts declare (<see cref="Steps.Read.ThemeFrontMatterKeys"/>).</param>
    public static FrontMatterKeys For(YamlMap siteConfig, CollectionConfig? collection, IEnumerable<string>? themeKeys = null) => new(
    [
        .. GeneratorKeys,
        .. themeKeys ?? [],
        .. FrontMatterValues.OptionalStringList(siteConfig, SiteKey),
        .. collection?.Required ?? [],
        .. collection?.FrontMatterKeys ?? [],
        .. new[] { collection?.SortBy, collection?.ExpiresFrom }.OfType<string>(),
    ]);

    /// <exception cref="SiteException">at the first key that is a near miss of a known key.</exception>
    /// <param name="warn">receives a warning per other key nothing declares.</param>
    public void Check(YamlMap frontMatter, Action<Diagnostic> warn)
    {
        foreach (var key in frontMatter.Keys)
        {
            if (_known.Contains(key)) continue;
            if (_nearest.GetOrAdd(key, NearestKnown) is { } meant)
                throw new SiteException(frontMatter.LocationOf(key), $"unknown front matter key '{key}': did you mean '{meant}'?",
                    $"write '{meant}:'; a key of your own must be declared in '{SiteKey}' of site.yml or of the layout that reads it (see the README's front matter keys)");
            warn(Diagnostic.Warning(frontMatter.LocationOf(key), $"the front matter key '{key}' is not one the build or the theme declares",
                $"if a layout uses it, declare it in the layout's front matter or site.yml ('{SiteKey}: [{key}]'); else remove it"));
        }
    }

    private string? NearestKnown(string key)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in _known.Order(StringComparer.Ordinal))
        {
            var distance = string.Equals(key, candidate, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(key.ToLowerInvariant(), candidate);
            var allowed = Math.Min(key.Length, candidate.Length) <= 4 ? 1 : 2;
            if (distance <= allowed && distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
