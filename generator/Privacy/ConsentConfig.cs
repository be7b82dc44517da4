using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Express.Site.Privacy;

/// <summary>
/// The compact JSON the consent script reads: the revision, the consent cookie, how long a choice is valid, the
/// categories, and per vendor its hosts and the cookies and storage keys to delete on withdrawal. Texts are kept
/// per language.
/// </summary>
public static class ConsentConfig
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson(PrivacyData data, string revision) => JsonSerializer.Serialize(new
    {
        revision,
        cookie = new { name = data.Consent.Cookie.Name.Pattern, maxAge = data.Consent.Cookie.Lifetime.Seconds },
        validFor = data.Consent.ValidFor.Seconds,
        categories = data.Categories.Select(c => new { id = c.Id, necessary = c.Necessary, refusedByGpc = c.RefusedByGpc ? true : (bool?)null, title = c.Title.ByLanguage, description = c.Description.ByLanguage }),
        vendors = data.Vendors.Select(v => new
        {
            id = v.Id,
            name = v.Name,
            provider = v.Provider,
            category = v.Category,
            purpose = v.Purpose.ByLanguage,
            country = v.Country,
            transferBasis = v.TransferBasis.ByLanguage,
            hosts = v.Hosts.Select(h => h.Pattern),
            cookies = v.Cookies.Select(Cookie),
            storage = v.Storage.Select(Cookie),
        }),
    }, Options);

    private static object Cookie(CookieDeclaration c) => new
    {
        name = c.Name.Pattern,
        pattern = c.Name.IsPattern ? true : (bool?)null,
        party = c.Party == Party.First ? "first" : "third",
        domain = c.Domain,
        lifetime = c.Lifetime.Iso,
        maxAge = c.Lifetime.Seconds,
    };
}
