using Express.Site.Privacy;
using Scriban.Runtime;

namespace Express.Site.Templates;

/// <summary>
/// The <c>privacy</c> object templates see: the validated facts, plus what is derived from them (the cookie
/// declaration rows, the revision, the consent configuration's URL). The theme's partials turn it into the privacy
/// statement's sections and tables.
/// </summary>
public static class PrivacyScriptModel
{
    public static ScriptObject Create(PrivacyData data, string revision, string configUrl)
    {
        var vendors = data.Vendors.Select(v => Vendor(v, data)).ToList();
        var result = new ScriptObject
        {
            ["controller"] = Object(data.Controller),
            ["authority"] = Object(data.Authority),
            ["revision"] = revision,
            ["config_url"] = configUrl,
            ["consent"] = new ScriptObject
            {
                ["cookie"] = Cookie(data.Consent.Cookie), ["valid_for"] = Lifetime(data.Consent.ValidFor),
                ["texts"] = Object(data.Consent.Texts.ToDictionary(t => t.Key, t => (object?)Text(t.Value))),
            },
            ["categories"] = Array(data.Categories.Select(Category)),
            ["vendors"] = Array(vendors),
            ["vendor_by_id"] = Object(data.Vendors.Zip(vendors, (v, model) => new KeyValuePair<string, object?>(v.Id, model))),
            ["processors"] = Array(data.Processors.Select(Processor)),
            ["contact_points"] = Array(data.ContactPoints.Select(ContactPoint)),
            ["declaration"] = Array(Declaration(data)),
        };
        var longest = data.Vendors.SelectMany(v => v.Cookies.Concat(v.Storage)).Select(c => c.Lifetime).MaxBy(l => l.Seconds);
        result["longest_vendor_cookie_lifetime"] = longest is null ? null : Lifetime(longest);
        return result;
    }

    /// <summary>One row per cookie or storage key, the consent record's first, then per vendor in file order.</summary>
    private static IEnumerable<ScriptObject> Declaration(PrivacyData data)
    {
        var necessary = data.Categories.First(c => c.Necessary);
        var consentRow = Cookie(data.Consent.Cookie);
        consentRow["kind"] = "cookie";
        consentRow["vendor"] = null;
        consentRow["provider"] = data.Controller["name"];
        consentRow["category"] = Category(necessary);
        consentRow["country"] = null;
        consentRow["transfer_basis"] = null;
        yield return consentRow;
        foreach (var vendor in data.Vendors)
            foreach (var (cookie, kind) in vendor.Cookies.Select(c => (c, "cookie")).Concat(vendor.Storage.Select(c => (c, "storage"))))
            {
                var row = Cookie(cookie);
                row["kind"] = kind;
                row["vendor"] = vendor.Name;
                row["provider"] = vendor.Provider;
                row["category"] = Category(data.CategoryOf(vendor));
                row["country"] = vendor.Country;
                row["transfer_basis"] = Text(vendor.TransferBasis);
                yield return row;
            }
    }

    private static ScriptObject Vendor(Vendor v, PrivacyData data) => new()
    {
        ["id"] = v.Id, ["name"] = v.Name, ["provider"] = v.Provider, ["category"] = v.Category,
        ["category_title"] = Text(data.CategoryOf(v).Title), ["purpose"] = Text(v.Purpose),
        ["data"] = new ScriptObject { ["anonymous"] = Lists(v.AnonymousData), ["identifying"] = Lists(v.IdentifyingData) },
        ["policy"] = v.Policy, ["country"] = v.Country, ["transfer_basis"] = Text(v.TransferBasis),
        ["hosts"] = Array(v.Hosts.Select(h => h.Pattern)),
        ["cookies"] = Array(v.Cookies.Select(Cookie)), ["storage"] = Array(v.Storage.Select(Cookie)),
        ["cookie_by_name"] = Object(v.Cookies.ToDictionary(c => c.Name.Pattern, c => (object?)Cookie(c))),
    };

    private static ScriptObject Cookie(CookieDeclaration c) => new()
    {
        ["name"] = c.Name.Pattern, ["is_pattern"] = c.Name.IsPattern, ["party"] = c.Party == Party.First ? "first" : "third",
        ["domain"] = c.Domain, ["lifetime"] = Lifetime(c.Lifetime), ["purpose"] = Text(c.Purpose),
    };

    private static ScriptObject Lifetime(Lifetime l) => new()
    {
        ["amount"] = l.Amount, ["unit"] = l.Unit.ToString().ToLowerInvariant(), ["seconds"] = l.Seconds, ["iso"] = l.Iso,
    };

    private static ScriptObject Category(Category c) => new()
    {
        ["id"] = c.Id, ["necessary"] = c.Necessary, ["refused_by_gpc"] = c.RefusedByGpc, ["title"] = Text(c.Title), ["description"] = Text(c.Description),
    };

    private static ScriptObject Processor(Processor p) => new()
    {
        ["id"] = p.Id, ["name"] = p.Name, ["provider"] = p.Provider, ["purpose"] = Text(p.Purpose), ["policy"] = p.Policy,
        ["country"] = p.Country, ["transfer_basis"] = Text(p.TransferBasis),
    };

    private static ScriptObject ContactPoint(ContactPoint c) => new()
    {
        ["name"] = c.Name, ["form"] = c.Form, ["stored"] = Text(c.Stored), ["retention"] = Text(c.Retention),
    };

    private static ScriptObject Text(LocalizedText text) => Object(text.ByLanguage.ToDictionary(t => t.Key, t => (object?)t.Value));

    private static ScriptObject Lists(LocalizedList lists) => Object(lists.ByLanguage.ToDictionary(t => t.Key, t => (object?)Array(t.Value)));

    private static ScriptObject Object(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in values) result[key] = ScriptValues.From(value);
        return result;
    }

    private static ScriptArray Array(IEnumerable<object> items)
    {
        var array = new ScriptArray();
        foreach (var item in items) array.Add(item);
        return array;
    }
}
