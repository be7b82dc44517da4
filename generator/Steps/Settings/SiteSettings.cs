using System.Globalization;
using Express.Site.Core;
using Express.Site.Steps.Validate;
using Express.Site.Yaml;

namespace Express.Site.Steps.Settings;

/// <summary>The settings in input/_data/site.yml that the generator itself uses.</summary>
public sealed record SiteSettings(Uri BaseUri, CultureInfo Culture, string Lang, IReadOnlyDictionary<string, CollectionConfig> Collections)
{
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
            CollectionConfig.FromSiteConfig(config));
    }
}
