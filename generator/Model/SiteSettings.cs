using System.Globalization;
using Express.Site.Core;
using Express.Site.Privacy;
using Express.Site.Yaml;

namespace Express.Site.Model;

/// <summary>The settings in input/_data/site.yml that the generator itself uses.</summary>
/// <param name="Quotes">the quotation marks Markdown's "..." and '...' become: left and right double, left and right single.</param>
/// <param name="LifetimeWords">the site's own words for the units of lifetimes in the privacy data.</param>
public sealed record SiteSettings(Uri BaseUri, CultureInfo Culture, string Lang, IReadOnlyDictionary<string, CollectionConfig> Collections,
    IReadOnlyList<string> Quotes, IReadOnlyDictionary<string, LifetimeUnit> LifetimeWords)
{
    /// <summary>English quotation marks, when site.yml names none.</summary>
    public static readonly IReadOnlyList<string> DefaultQuotes = ["\u201C", "\u201D", "\u2018", "\u2019"];

    /// <summary>The base URL without a trailing slash, e.g. "https://www.express.no".</summary>
    public string BaseUrl => BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public string Absolute(string siteUrl) => BaseUrl + siteUrl;

    public static SiteSettings From(YamlMap config)
    {
        var baseUrl = FrontMatterValues.RequiredString(config, "base_url", "https://www.example.no");
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
            throw new SiteException(config.LocationOf("base_url"), $"'{baseUrl}' is not an absolute web address",
                "write it as 'base_url: https://www.example.no'");

        var locale = FrontMatterValues.OptionalString(config, "locale") ?? "nb-NO";
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new SiteException(config.LocationOf("locale"), $"unknown locale '{locale}'", "write it as 'locale: nb-NO'");
        }
        return new SiteSettings(baseUri, culture, FrontMatterValues.OptionalString(config, "lang") ?? "nb",
            CollectionConfig.FromSiteConfig(config), ReadQuotes(config), ReadLifetimeWords(config));
    }

    private static IReadOnlyList<string> ReadQuotes(YamlMap config)
    {
        if (!config.ContainsKey("quotes")) return DefaultQuotes;
        if (config["quotes"] is YamlList { Count: 4 } list && list.All(q => q is string { Length: > 0 }))
            return [.. list.Cast<string>()];
        throw new SiteException(config.LocationOf("quotes"), "'quotes' must list four quotation marks: left and right double, then left and right single",
            $"write e.g. quotes: [{string.Join(", ", DefaultQuotes.Select(q => $"\"{q}\""))}], or leave it out for these English ones");
    }

    private static Dictionary<string, LifetimeUnit> ReadLifetimeWords(YamlMap config)
    {
        var words = new Dictionary<string, LifetimeUnit>(StringComparer.Ordinal);
        if (!config.ContainsKey("lifetime_units")) return words;
        if (config["lifetime_units"] is not YamlMap units)
            throw new SiteException(config.LocationOf("lifetime_units"), "'lifetime_units' must map units to lists of words", "write e.g. 'lifetime_units:' then '  day: [WORD, WORDS]'");
        foreach (var (name, value) in units)
        {
            if (!Enum.TryParse<LifetimeUnit>(name, ignoreCase: true, out var unit) || !char.IsLetter(name[0]))
                throw new SiteException(units.LocationOf(name), $"'{name}' is not a unit of lifetimes", "use minute, hour, day, month, year or session");
            if (value is not YamlList list || !list.All(w => w is string))
                throw new SiteException(units.LocationOf(name), $"the words for '{name}' must be a list", $"write e.g. '{name}: [word, words]'");
            foreach (var word in list.Cast<string>()) words[word.Trim().ToLowerInvariant()] = unit;
        }
        return words;
    }
}
