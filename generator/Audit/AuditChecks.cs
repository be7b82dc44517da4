namespace Express.Site.Audit;

/// <summary>
/// Turns observations into findings: every request, cookie and storage key must be declared, belong to a category
/// the state grants, and live no longer than declared; every form must be in the retention table. A finding is
/// reported once per state, on the first page it was seen.
/// </summary>
public static class AuditChecks
{
    /// <summary>Seconds a cookie may outlive its declared lifetime: the time between setting and reading it.</summary>
    private const long Slack = 300;

    public static IReadOnlyList<AuditFinding> Check(AuditConfig config, IReadOnlyList<ConsentState> states, IReadOnlyList<PageObservation> observations)
    {
        var findings = new List<AuditFinding>();
        var seen = new HashSet<(string State, string What)>();
        void Add(PageObservation at, string what, string why)
        {
            if (seen.Add((at.State, what))) findings.Add(new AuditFinding(at.Page, at.State, what, why));
        }

        var retention = observations.SelectMany(o => o.RetentionForms).ToHashSet(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            var state = states.Single(s => s.Name == observation.State);
            foreach (var request in observation.Requests) CheckRequest(config, state, request, (w, y) => Add(observation, w, y));
            foreach (var cookie in observation.Cookies) CheckCookie(config, state, cookie, (w, y) => Add(observation, w, y));
            foreach (var key in observation.Storage) CheckStorage(config, state, key, (w, y) => Add(observation, w, y));
            if (observation.State != states[0].Name) continue; // forms are the same in every state
            foreach (var form in observation.Forms.Where(f => !retention.Contains(f)))
                Add(observation, form.Length == 0 ? "a form without a name" : $"the form '{form}'",
                    "the privacy statement's retention table does not list it (rule 17)");
        }
        return findings;
    }

    private static void CheckRequest(AuditConfig config, ConsentState state, SeenRequest request, Action<string, string> add)
    {
        var vendor = config.VendorForHost(request.Host);
        var what = $"a request to {request.Host} ({Shorten(request.Url)})";
        if (vendor is null)
            add(what, "no vendor in the privacy data declares this host" + (request.Blocked ? "; the audit blocked it" : ""));
        else if (!state.Granted.Contains(vendor.Category))
            add(what, $"{vendor.Name} ({vendor.Category}) runs without consent to {vendor.Category}");
    }

    private static void CheckCookie(AuditConfig config, ConsentState state, SeenCookie cookie, Action<string, string> add)
    {
        var setBy = cookie.SetBy is null ? "" : $", set by {Shorten(cookie.SetBy)}";
        if (cookie.FirstParty && config.ConsentCookie.Name.Matches(cookie.Name))
        {
            CheckLifetime(cookie, config.ConsentCookie, setBy, add);
            return;
        }
        var declared = config.Vendors.SelectMany(v => v.Cookies.Select(item => (Vendor: v, Item: item)))
            .FirstOrDefault(d => d.Item.Name.Matches(cookie.Name) && (d.Item.FirstParty ? cookie.FirstParty : SameDomain(d.Item.Domain, cookie.Domain)));
        var what = $"the cookie {cookie.Name} on {cookie.Domain}{setBy}";
        if (declared.Vendor is null)
            add(what, "the cookie declaration does not list it");
        else if (!state.Granted.Contains(declared.Vendor.Category))
        {
            // A third party's own cookie (fr on .facebook.com) is out of the site's reach once set; withdrawal stops
            // the requests that would send it, which the request check sees.
            if (state.Name == "withdrawn" && !cookie.FirstParty) return;
            add(what, state.Name == "withdrawn"
                ? $"consent to {declared.Vendor.Category} was withdrawn, but {declared.Vendor.Name}'s cookie is still there"
                : $"{declared.Vendor.Name}'s cookie is stored without consent to {declared.Vendor.Category}");
        }
        else CheckLifetime(cookie, declared.Item, setBy, add);
    }

    private static void CheckLifetime(SeenCookie cookie, DeclaredItem declared, string setBy, Action<string, string> add)
    {
        if (cookie.LifetimeSeconds is { } lifetime && lifetime > declared.MaxAge + Slack)
            add($"the cookie {cookie.Name} on {cookie.Domain}{setBy} lives {Days(lifetime)}", $"the declaration says {Days(declared.MaxAge)}");
    }

    private static void CheckStorage(AuditConfig config, ConsentState state, string key, Action<string, string> add)
    {
        var name = key[(key.IndexOf(':') + 1)..];
        var declared = config.Vendors.FirstOrDefault(v => v.Storage.Any(s => s.Name.Matches(name)));
        if (declared is null) add($"the storage entry {key}", "the cookie declaration does not list it");
        else if (!state.Granted.Contains(declared.Category)) add($"the storage entry {key}", $"{declared.Name}'s entry is stored without consent to {declared.Category}");
    }

    private static bool SameDomain(string? declared, string actual) =>
        declared is not null && declared.TrimStart('.').Equals(actual.TrimStart('.'), StringComparison.OrdinalIgnoreCase);

    private static string Days(long seconds) => seconds % 86400 == 0 || seconds > 2 * 86400 ? $"{Math.Round(seconds / 86400.0)} days" : $"{seconds} s";

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";
}
