using Express.Site.Core;

namespace Express.Site.Privacy;

/// <summary>A text written per language ("nb", later "en").</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string this[string language] => ByLanguage.GetValueOrDefault(language) ?? ByLanguage.Values.First();
}

/// <summary>A list of texts written per language (e.g. the data a vendor collects).</summary>
public sealed record LocalizedList(IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage);

public sealed record Category(string Id, bool Necessary, LocalizedText Title, LocalizedText Description, SourceLocation At);

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

public sealed record ConsentSettings(CookieDeclaration Cookie, Lifetime ValidFor);

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
