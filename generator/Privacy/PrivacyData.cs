using Express.Site.Core;

namespace Express.Site.Privacy;

/// <summary>A text written per language ("nb", later "en").</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string this[string language] => ByLanguage.GetValueOrDefault(language) ?? ByLanguage.Values.First();
}

/// <summary>A list of texts written per language (e.g. the data a vendor collects).</summary>
public sealed record LocalizedList(IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage);

/// <param name="RefusedByGpc">Whether a browser's Global Privacy Control signal counts as a refusal of this purpose.</param>
public sealed record Category(string Id, bool Necessary, LocalizedText Title, LocalizedText Description, SourceLocation At, bool RefusedByGpc = false);

public enum Party { First, Third }

/// <summary>A cookie or storage key a vendor (or the consent manager) sets.</summary>
public sealed record CookieDeclaration(CookiePattern Name, Party Party, Lifetime Lifetime, LocalizedText Purpose, string? Domain, SourceLocation At);

public sealed record Vendor(
    string Id, string Name, string Provider, string Category, LocalizedText Purpose,
    LocalizedList AnonymousData, LocalizedList IdentifyingData, string Policy, string Country, LocalizedText TransferBasis,
    IReadOnlyList<HostPattern> Hosts, IReadOnlyList<string> Markers,
    IReadOnlyList<CookieDeclaration> Cookies, IReadOnlyList<CookieDeclaration> Storage, SourceLocation At);

public sealed record Processor(string Id, string Name, string Provider, LocalizedText Purpose, string Policy, string Country, LocalizedText TransferBasis, SourceLocation At);

/// <summary>A place where visitors hand us personal data (a form), for the retention table.</summary>
public sealed record ContactPoint(string Name, string Form, LocalizedText Stored, LocalizedText Retention, SourceLocation At);

/// <param name="Texts">The banner's and privacy center's texts by key (see <see cref="ConsentSettings.TextKeys"/>).</param>
public sealed record ConsentSettings(CookieDeclaration Cookie, Lifetime ValidFor, IReadOnlyDictionary<string, LocalizedText> Texts)
{
    /// <summary>The texts the consent banner and privacy center need, with what each is for.</summary>
    public static readonly IReadOnlyList<(string Key, string Use)> TextKeys =
    [
        ("banner_title", "the banner's heading"),
        ("banner_text", "the banner's first paragraph, before the purposes"),
        ("accept_all", "the button that accepts every purpose"),
        ("reject_all", "the button that refuses every optional purpose"),
        ("settings", "the button that opens the privacy center"),
        ("changed", "said in the banner when the declaration changed since the visitor's choice"),
        ("center_title", "the privacy center's heading"),
        ("center_text", "the privacy center's introduction"),
        ("always_on", "shown beside the strictly necessary purpose"),
        ("gpc", "said when the browser sends Global Privacy Control"),
        ("save", "the button that stores the switches as they are"),
        ("close", "the button that closes the privacy center without a change"),
        ("privacy_statement", "the link to the privacy statement"),
        ("cookie_declaration", "the link to the cookie declaration"),
    ];
}

/// <summary>The validated privacy facts of the site (input/_data/privacy.yml).</summary>
public sealed record PrivacyData(
    string File,
    IReadOnlyDictionary<string, object?> Controller,
    IReadOnlyDictionary<string, object?> Authority,
    ConsentSettings Consent,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Vendor> Vendors,
    IReadOnlyList<Processor> Processors,
    IReadOnlyList<ContactPoint> ContactPoints)
{
    public Category CategoryOf(Vendor vendor) => Categories.First(c => c.Id == vendor.Category);

    /// <summary>The vendor whose hosts include <paramref name="host"/>, if any.</summary>
    public Vendor? VendorForHost(string host) => Vendors.FirstOrDefault(v => v.Hosts.Any(h => h.Matches(host)));
}
