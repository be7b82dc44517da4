using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Express.Site.Privacy;

/// <summary>
/// The compact JSON the consent script reads: the revision, the consent cookie, how long a choice is valid, the
/// categories, and per vendor its hosts and the cookies and storage keys to delete on withdrawal. Texts are kept
/// per language.
/// </summary>
public static class ConsentConfig
{
    // The JSON is written node by node, not by serializing anonymous objects: reflection-based serialization costs
    // ~40 ms of start-up on every build, a tenth of building the real site.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string ToJson(PrivacyData data, string revision) => new JsonObject
    {
        ["revision"] = revision,
        ["cookie"] = new JsonObject { ["name"] = data.Consent.Cookie.Name.Pattern, ["maxAge"] = data.Consent.Cookie.Lifetime.Seconds },
        ["validFor"] = data.Consent.ValidFor.Seconds,
        ["categories"] = Array(data.Categories.Select(c => Without(new JsonObject
        {
            ["id"] = c.Id,
            ["necessary"] = c.Necessary,
            ["refusedByGpc"] = c.RefusedByGpc ? true : null,
            ["title"] = Texts(c.Title.ByLanguage),
            ["description"] = Texts(c.Description.ByLanguage),
        }))),
        ["vendors"] = Array(data.Vendors.Select(v => Without(new JsonObject
        {
            ["id"] = v.Id,
            ["name"] = v.Name,
            ["provider"] = v.Provider,
            ["category"] = v.Category,
            ["purpose"] = Texts(v.Purpose.ByLanguage),
            ["country"] = v.Country,
            ["transferBasis"] = Texts(v.TransferBasis.ByLanguage),
            ["hosts"] = Array(v.Hosts.Select(h => (JsonNode)h.Pattern)),
            ["cookies"] = Array(v.Cookies.Select(Cookie)),
            ["storage"] = Array(v.Storage.Select(Cookie)),
        }))),
    }.ToJsonString(Options);

    private static JsonNode Cookie(CookieDeclaration c) => Without(new JsonObject
    {
        ["name"] = c.Name.Pattern,
        ["pattern"] = c.Name.IsPattern ? true : null,
        ["party"] = c.Party == Party.First ? "first" : "third",
        ["domain"] = c.Domain,
        ["lifetime"] = c.Lifetime.Iso,
        ["maxAge"] = c.Lifetime.Seconds,
    });

    private static JsonArray Array(IEnumerable<JsonNode> items) => [.. items];

    private static JsonObject Texts(IReadOnlyDictionary<string, string> byLanguage)
    {
        var texts = new JsonObject();
        foreach (var (language, text) in byLanguage) texts[language] = text;
        return texts;
    }

    /// <summary>Leaves out the properties without a value, as the consent script reads a missing one as false or none.</summary>
    private static JsonObject Without(JsonObject node)
    {
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList()) node.Remove(name);
        return node;
    }
}
