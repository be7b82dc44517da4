using System.Security.Cryptography;
using System.Text;

namespace Express.Site.Privacy;

/// <summary>
/// A short hash of exactly the facts a visitor's consent depends on: the categories, and per vendor its category,
/// hosts, cookies and storage keys with party, domain and lifetime, and the consent record's own cookie. Texts,
/// comments, whitespace and order do not count, so only a change that matters makes the banner ask again.
/// </summary>
public static class ConsentRevision
{
    public static string Of(PrivacyData data) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalFacts(data))))[..8];

    /// <summary>The facts as sorted lines; two files with the same facts give the same text.</summary>
    public static string CanonicalFacts(PrivacyData data)
    {
        var lines = new List<string> { $"consent-cookie {Cookie(data.Consent.Cookie)}" };
        lines.AddRange(data.Categories.Select(c => $"category {c.Id} necessary={c.Necessary}"));
        foreach (var vendor in data.Vendors)
        {
            lines.Add($"vendor {vendor.Id} category={vendor.Category}");
            lines.AddRange(vendor.Hosts.Select(h => $"vendor {vendor.Id} host {h.Pattern}"));
            lines.AddRange(vendor.Cookies.Select(c => $"vendor {vendor.Id} cookie {Cookie(c)}"));
            lines.AddRange(vendor.Storage.Select(c => $"vendor {vendor.Id} storage {Cookie(c)}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string Cookie(CookieDeclaration c) => $"{c.Name.Pattern} {c.Party} {c.Domain} {c.Lifetime.Iso}";
}
