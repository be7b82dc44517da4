using Express.Site.Core;
using Express.Site.Yaml;

namespace Express.Site.Privacy;

/// <summary>
/// Reads and checks input/_data/privacy.yml. Every problem is reported with the line it is on and what to write
/// instead; the data is returned only when there is none.
/// </summary>
/// <param name="lifetimeWords">the site's own words for lifetime units (site.yml, lifetime_units), besides the English ones.</param>
public sealed class PrivacyDataReader(string defaultLanguage, Action<Diagnostic> report, IReadOnlyDictionary<string, LifetimeUnit>? lifetimeWords = null)
{
    private const string Fix = "see \"The privacy data\" in the README for every key";
    private int _errors;

    // Where each host was written, so that an overlap points at the host, not at its vendor.
    private readonly Dictionary<HostPattern, SourceLocation> _hostLines = new(ReferenceEqualityComparer.Instance);

    public PrivacyData? Read(YamlMap root)
    {
        var file = root.Location.File;
        var controller = Guard(() => RequireMap(root, "controller", "the company responsible: name, org_nr, manager, street, city, email, phone"));
        if (controller is not null) RequireKeys(controller, "name", "org_nr", "manager", "street", "postal_code", "city", "email", "phone");
        var authority = Guard(() => RequireMap(root, "authority", "the supervisory authority: name, street, postal_code, city, email, url"));
        if (authority is not null) RequireKeys(authority, "name", "email", "url");
        var consent = Guard(() => ReadConsent(RequireMap(root, "consent", "the consent record's cookie and how long a choice is valid")));
        var categories = ReadList(root, "categories", ReadCategory);
        var vendors = ReadList(root, "vendors", ReadVendor);
        var processors = ReadList(root, "processors", ReadProcessor, required: false);
        var contactPoints = ReadList(root, "contact_points", ReadContactPoint, required: false);

        CheckCategories(categories, vendors);
        CheckUnique(vendors.Select(v => (v.Id, v.At)).Concat(processors.Select(p => (p.Id, p.At))), "id");
        CheckUnique(categories.Select(c => (c.Id, c.At)), "category id");
        CheckUnique(contactPoints.Select(c => (c.Form, c.At)), "form");
        CheckCookies(vendors, consent);
        CheckHosts(vendors);

        if (_errors > 0 || controller is null || authority is null || consent is null) return null;
        return new PrivacyData(file, Plain(controller), Plain(authority), consent, categories, vendors, processors, contactPoints);
    }

    // ---- sections ----

    private ConsentSettings ReadConsent(YamlMap map)
    {
        var cookie = RequireMap(map, "cookie", "the consent record's cookie: name, lifetime, purpose");
        var texts = RequireMap(map, "texts", "the texts of the banner and the privacy center, per language");
        var missing = ConsentSettings.TextKeys.Where(t => !texts.ContainsKey(t.Key)).ToList();
        if (missing.Count > 0)
            throw new SiteException(map.LocationOf("texts"), $"consent.texts lacks {string.Join(", ", missing.Select(m => m.Key))}",
                "add, per language:" + string.Concat(missing.Select(m => $"\n      {m.Key}:   # {m.Use}\n        {defaultLanguage}: ...")));
        return new ConsentSettings(
            new CookieDeclaration(new CookiePattern(RequireString(cookie, "name")), Party.First, RequireLifetime(cookie, "lifetime"),
                RequireText(cookie, "purpose"), null, cookie.LocationOf("name")),
            RequireLifetime(map, "valid_for"),
            ConsentSettings.TextKeys.ToDictionary(t => t.Key, t => RequireText(texts, t.Key)));
    }

    private Category ReadCategory(YamlMap map)
    {
        var category = new Category(RequireId(map), map.OptionalBool("necessary", false),
            RequireText(map, "title"), RequireText(map, "description"), map.LocationOf("id"), map.OptionalBool("refused_by_gpc", false));
        if (category is { Necessary: true, RefusedByGpc: true })
            Error(map.LocationOf("refused_by_gpc"), $"the strictly necessary category '{category.Id}' cannot be refused",
                "remove 'refused_by_gpc' here; it belongs on optional purposes such as marketing");
        return category;
    }

    private Vendor ReadVendor(YamlMap map)
    {
        var data = RequireMap(map, "data", "the data the vendor collects, split into 'anonymous' and 'identifying'");
        var hosts = RequireStrings(map, "hosts");
        var patterns = new List<HostPattern>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var at = map["hosts"] is YamlList list ? list.LocationOf(i) : map.LocationOf("hosts");
            if (HostPattern.Problem(hosts[i]) is { } problem)
                throw new SiteException(at, $"'{hosts[i]}' is not a host: {problem}",
                    "write a host such as 'www.googletagmanager.com', or '*.google-analytics.com' for all its subdomains");
            patterns.Add(new HostPattern(hosts[i].ToLowerInvariant()));
            _hostLines[patterns[^1]] = at;
        }
        return new Vendor(
            RequireId(map), RequireString(map, "name"), RequireString(map, "provider"), RequireString(map, "category"),
            RequireText(map, "purpose"), RequireTextList(data, "anonymous"), RequireTextList(data, "identifying"),
            RequireUrl(map, "policy"), RequireString(map, "country"), RequireText(map, "transfer_basis"),
            patterns,
            RequireStrings(map, "markers"),
            ReadList(map, "cookies", ReadCookie, required: false),
            ReadList(map, "storage", ReadCookie, required: false),
            map.LocationOf("id"));
    }

    private CookieDeclaration ReadCookie(YamlMap map)
    {
        var party = RequireString(map, "party") switch
        {
            "first" => Party.First,
            "third" => Party.Third,
            var other => throw new SiteException(map.LocationOf("party"), $"party must be 'first' or 'third', not '{other}'",
                "'first' when the cookie belongs to this site's domain, 'third' when it belongs to the vendor's"),
        };
        var domain = map.OptionalString("domain");
        if (party == Party.Third && domain is null)
            throw new SiteException(map.LocationOf("party"), "a third-party cookie needs the 'domain' it is set on", "add e.g. 'domain: .facebook.com'");
        return new CookieDeclaration(new CookiePattern(RequireString(map, "name")), party, RequireLifetime(map, "lifetime"),
            RequireText(map, "purpose"), domain, map.LocationOf("name"));
    }

    private Processor ReadProcessor(YamlMap map) => new(
        RequireId(map), RequireString(map, "name"), RequireString(map, "provider"), RequireText(map, "purpose"),
        RequireUrl(map, "policy"), RequireString(map, "country"), RequireText(map, "transfer_basis"), map.LocationOf("id"));

    private ContactPoint ReadContactPoint(YamlMap map) => new(
        RequireString(map, "name"), RequireString(map, "form"), RequireText(map, "stored"), RequireText(map, "retention"), map.LocationOf("name"));

    // ---- checks across entries ----

    private void CheckCategories(IReadOnlyList<Category> categories, IReadOnlyList<Vendor> vendors)
    {
        var ids = categories.Select(c => c.Id).ToHashSet();
        foreach (var vendor in vendors.Where(v => !ids.Contains(v.Category)))
            Error(vendor.At, $"vendor '{vendor.Id}' has the unknown category '{vendor.Category}'", $"use one of: {string.Join(", ", ids)}");
        foreach (var vendor in vendors.Where(v => categories.Any(c => c.Id == v.Category && c.Necessary)))
            Error(vendor.At, $"vendor '{vendor.Id}' is in the strictly necessary category '{vendor.Category}'",
                "a third-party vendor is never strictly necessary: put it in a category visitors can refuse");
        if (categories.Count(c => c.Necessary) != 1 && categories.Count > 0)
            Error(categories[0].At, "exactly one category must be 'necessary: true'", "mark the strictly necessary category with 'necessary: true'");
    }

    private void CheckUnique(IEnumerable<(string Key, SourceLocation At)> items, string what)
    {
        foreach (var group in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            Error(group.Skip(1).First().At, $"the {what} '{group.Key}' is used twice (first on line {group.First().At.Line})", $"give each a {what} of its own");
    }

    private void CheckCookies(IReadOnlyList<Vendor> vendors, ConsentSettings? consent)
    {
        var all = vendors.SelectMany(v => v.Cookies.Concat(v.Storage).Select(c => (Owner: v.Id, Cookie: c))).ToList();
        if (consent is not null) all.Insert(0, ("the consent record", consent.Cookie));
        for (var i = 0; i < all.Count; i++)
            for (var j = i + 1; j < all.Count; j++)
            {
                var (a, b) = (all[i], all[j]);
                if (a.Cookie.Name.Pattern == b.Cookie.Name.Pattern)
                    Error(b.Cookie.At, $"the cookie '{b.Cookie.Name}' is declared twice ({a.Owner} on line {a.Cookie.At.Line}, {b.Owner} here)", "declare each cookie once, under the vendor that sets it");
                else if (a.Owner != b.Owner && a.Cookie.Name.Overlaps(b.Cookie.Name))
                    Error(b.Cookie.At, $"the cookie name '{b.Cookie.Name}' ({b.Owner}) and '{a.Cookie.Name}' ({a.Owner}, line {a.Cookie.At.Line}) can match the same cookie",
                        "make the pattern narrower, so that every cookie belongs to exactly one vendor");
            }
    }

    private void CheckHosts(IReadOnlyList<Vendor> vendors)
    {
        var all = vendors.SelectMany(v => v.Hosts.Select(h => (Vendor: v, Host: h))).ToList();
        for (var i = 0; i < all.Count; i++)
            for (var j = i + 1; j < all.Count; j++)
                if (all[i].Host.Overlaps(all[j].Host))
                    Error(_hostLines.TryGetValue(all[j].Host, out var at) ? at : all[j].Vendor.At, all[i].Vendor == all[j].Vendor
                            ? $"vendor '{all[j].Vendor.Id}' lists the host '{all[j].Host}' twice (or inside its '{all[i].Host}')"
                            : $"the host '{all[j].Host}' of '{all[j].Vendor.Id}' overlaps '{all[i].Host}' of '{all[i].Vendor.Id}'",
                        "each host must belong to exactly one vendor; list it once");
    }

    // ---- typed reads ----

    private T? Guard<T>(Func<T> read) where T : class
    {
        try { return read(); }
        catch (SiteException e) { report(e.Diagnostic); _errors++; return null; }
    }

    private void Error(SourceLocation at, string message, string fix)
    {
        report(Diagnostic.Error(at, message, fix));
        _errors++;
    }

    private IReadOnlyList<T> ReadList<T>(YamlMap map, string key, Func<YamlMap, T> read, bool required = true) where T : class
    {
        if (map.GetValueOrDefault(key) is not YamlList list)
        {
            if (required || map.ContainsKey(key)) Error(map.LocationOf(key), $"'{key}' must be a list of entries ('- id: ...')", Fix);
            return [];
        }
        var result = new List<T>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not YamlMap item) { Error(list.LocationOf(i), $"each entry of '{key}' must be a set of 'key: value' lines", Fix); continue; }
            if (Guard(() => read(item)) is { } value) result.Add(value);
        }
        return result;
    }

    private static YamlMap RequireMap(YamlMap map, string key, string what) => map.RequiredMap(key, what, $"add '{key}: ...'; {Fix}");

    private static string RequireString(YamlMap map, string key) => map.RequiredString(key, $"add '{key}: ...'; {Fix}");

    private static string RequireId(YamlMap map)
    {
        var id = RequireString(map, "id");
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]*$"))
            throw new SiteException(map.LocationOf("id"), $"the id '{id}' may only hold a-z, 0-9 and '-'", "e.g. 'id: google-analytics'");
        return id;
    }

    private static void RequireKeys(YamlMap map, params string[] keys)
    {
        foreach (var key in keys) RequireString(map, key);
    }

    private static string RequireUrl(YamlMap map, string key)
    {
        var url = RequireString(map, key);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "https")
            throw new SiteException(map.LocationOf(key), $"'{url}' is not an https:// address", $"write the full address, e.g. '{key}: https://example.com/privacy'");
        return url;
    }

    private static IReadOnlyList<string> RequireStrings(YamlMap map, string key) => map.RequiredStringList(key);

    private Lifetime RequireLifetime(YamlMap map, string key)
    {
        var text = RequireString(map, key);
        return Lifetime.Parse(text, lifetimeWords) ?? throw new SiteException(map.LocationOf(key), $"cannot read the lifetime '{text}'", $"write it as {Lifetime.Examples}");
    }

    private LocalizedText RequireText(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        string { Length: > 0 } s => new LocalizedText(new Dictionary<string, string> { [defaultLanguage] = s }),
        YamlMap texts when texts.Count > 0 && texts.Values.All(v => v is string { Length: > 0 }) =>
            new LocalizedText(texts.ToDictionary(t => t.Key, t => (string)t.Value!)),
        _ => throw new SiteException(map.ContainsKey(key) ? map.LocationOf(key) : map.Location, $"'{key}' is missing or empty",
            $"write the text per language:\n      {key}:\n        {defaultLanguage}: ..."),
    };

    private LocalizedList RequireTextList(YamlMap map, string key) => map.GetValueOrDefault(key) switch
    {
        YamlList list when list.Count > 0 && list.All(i => i is string) =>
            new LocalizedList(new Dictionary<string, IReadOnlyList<string>> { [defaultLanguage] = list.Cast<string>().ToList() }),
        YamlMap texts when texts.Count > 0 && texts.Values.All(v => v is YamlList l && l.All(i => i is string)) =>
            new LocalizedList(texts.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)((YamlList)t.Value!).Cast<string>().ToList())),
        _ => throw new SiteException(map.ContainsKey(key) ? map.LocationOf(key) : map.Location, $"'{key}' must list the data per language",
            $"write:\n      {key}:\n        {defaultLanguage}: [IP-adresse, ...]"),
    };

    private static IReadOnlyDictionary<string, object?> Plain(YamlMap map) => map.ToDictionary(kv => kv.Key, kv => kv.Value);
}
