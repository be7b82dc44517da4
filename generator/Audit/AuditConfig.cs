using System.Text.Json;
using Express.Site.Privacy;

namespace Express.Site.Audit;

/// <summary>A cookie or storage key as the published configuration declares it.</summary>
public sealed record DeclaredItem(CookiePattern Name, bool FirstParty, string? Domain, long MaxAge);

public sealed record AuditVendor(string Id, string Name, string Category, IReadOnlyList<HostPattern> Hosts, IReadOnlyList<DeclaredItem> Cookies, IReadOnlyList<DeclaredItem> Storage);

public sealed record AuditCategory(string Id, bool Necessary, bool RefusedByGpc);

/// <summary>
/// What the built site declares, read from the consent configuration it publishes (assets/consent-config.*.json):
/// the audit checks the site against its own published declaration, not against the sources.
/// </summary>
public sealed record AuditConfig(string File, string Revision, DeclaredItem ConsentCookie, IReadOnlyList<AuditCategory> Categories, IReadOnlyList<AuditVendor> Vendors)
{
    public IEnumerable<AuditCategory> Optional => Categories.Where(c => !c.Necessary);

    public AuditVendor? VendorForHost(string host) => Vendors.FirstOrDefault(v => v.Hosts.Any(h => h.Matches(host)));

    /// <exception cref="InvalidOperationException">when the folder holds no single, readable configuration.</exception>
    public static AuditConfig Load(string outputDir)
    {
        var assets = Path.Combine(outputDir, "assets");
        var files = Directory.Exists(assets) ? Directory.GetFiles(assets, "consent-config.*.json") : [];
        if (files.Length != 1)
            throw new InvalidOperationException($"{outputDir} holds {files.Length} consent configurations (assets/consent-config.*.json), not one: build the site first");
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(files[0]));
        var root = json.RootElement;
        var cookie = root.GetProperty("cookie");
        return new AuditConfig(
            files[0],
            root.GetProperty("revision").GetString()!,
            new DeclaredItem(new CookiePattern(cookie.GetProperty("name").GetString()!), true, null, cookie.GetProperty("maxAge").GetInt64()),
            [.. root.GetProperty("categories").EnumerateArray().Select(c => new AuditCategory(
                c.GetProperty("id").GetString()!, c.GetProperty("necessary").GetBoolean(),
                c.TryGetProperty("refusedByGpc", out var gpc) && gpc.GetBoolean()))],
            [.. root.GetProperty("vendors").EnumerateArray().Select(v => new AuditVendor(
                v.GetProperty("id").GetString()!, v.GetProperty("name").GetString()!, v.GetProperty("category").GetString()!,
                [.. v.GetProperty("hosts").EnumerateArray().Select(h => new HostPattern(h.GetString()!))],
                Items(v.GetProperty("cookies")), Items(v.GetProperty("storage"))))]);
    }

    private static List<DeclaredItem> Items(JsonElement list) => [.. list.EnumerateArray().Select(i => new DeclaredItem(
        new CookiePattern(i.GetProperty("name").GetString()!), i.GetProperty("party").GetString() == "first",
        i.TryGetProperty("domain", out var domain) ? domain.GetString() : null, i.GetProperty("maxAge").GetInt64()))];
}
