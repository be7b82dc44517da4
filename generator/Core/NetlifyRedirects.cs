using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Express.Site.Core;

/// <summary>One redirect or rewrite rule, from a _redirects line or a netlify.toml [[redirects]] table.</summary>
/// <param name="From">the path pattern ("/news/:year/*"), or a full URL for a domain-level rule.</param>
/// <param name="Conditions">country, language, role or cookie conditions: the preview cannot know them, so such rules never apply here.</param>
public sealed record RedirectRule(string From, string To, int Status, bool Force, SourceLocation Origin, bool Conditions = false)
{
    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308;
}

/// <summary>What a rule makes of a request: the rule, and its target with the placeholders filled in.</summary>
public sealed record RedirectMatch(RedirectRule Rule, string Target);

/// <summary>
/// Netlify's redirects as its documentation describes them: rules from the published _redirects first, then from
/// netlify.toml; the first rule whose pattern matches wins. A pattern is matched case-sensitively and with or
/// without a trailing slash; ":name" matches one path segment and a trailing "*" the rest, both usable in the
/// target (":splat" for the "*"). Status 301, 302, 303, 307 and 308 redirect; 200 rewrites (serves the target under
/// the requested URL); 404, 410 and 451 serve the target with that status. A rule applies only when no file exists at
/// the requested path ("shadowing"), unless it is forced ("301!", force = true). Domain-level rules
/// ("https://example.com/*") apply only to requests for that host.
/// </summary>
public sealed class NetlifyRedirects(IReadOnlyList<RedirectRule> rules)
{
    public static readonly NetlifyRedirects None = new([]);

    public IReadOnlyList<RedirectRule> Rules { get; } = rules;

    public NetlifyRedirects Then(NetlifyRedirects more) => new([.. Rules, .. more.Rules]);

    /// <summary>Reads a _redirects file: "from to [status][!] [conditions]" per line, # for comments.</summary>
    /// <param name="problems">receives one error per line that is not a rule.</param>
    public static NetlifyRedirects ParseRedirectsFile(string text, string file, ICollection<Diagnostic>? problems = null)
    {
        var rules = new List<RedirectRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            if (line.TrimStart().StartsWith('#')) continue;
            if (hash >= 0) line = line[..hash];
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var at = new SourceLocation(file, i + 1);
            // A query-parameter match ("/store id=:id /blog/:id 301") sits between the two paths.
            var toIndex = 1;
            while (toIndex < parts.Length && parts[toIndex].Contains('=') && !parts[toIndex].StartsWith('/') && !parts[toIndex].Contains("://"))
                toIndex++;
            if (parts.Length <= toIndex || !IsPattern(parts[0]))
            {
                problems?.Add(Diagnostic.Error(at, $"'{line.Trim()}' is not a redirect rule",
                    "write 'FROM TO [STATUS]' with FROM a path starting with /, e.g. '/old-page/ /new-page/ 301'"));
                continue;
            }
            var status = 301;
            var force = false;
            var rest = parts.Skip(toIndex + 1).ToList();
            if (rest.Count > 0 && int.TryParse(rest[0].TrimEnd('!'), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                status = code;
                force = rest[0].EndsWith('!');
                rest.RemoveAt(0);
            }
            if (!KnownStatus(status))
            {
                problems?.Add(Diagnostic.Error(at, $"the status {status} is not one Netlify uses for redirects", "use 301, 302, 303, 307, 308, 200, 404, 410 or 451"));
                continue;
            }
            rules.Add(new RedirectRule(parts[0], parts[toIndex], status, force, at, Conditions: toIndex > 1 || rest.Count > 0));
        }
        return new NetlifyRedirects(rules);
    }

    /// <summary>Reads the [[redirects]] tables of a netlify.toml.</summary>
    /// <exception cref="SiteException">when the file is not TOML, or a rule lacks from or to.</exception>
    public static NetlifyRedirects ParseNetlifyToml(string text, string file)
    {
        TomlTable model;
        try
        {
            model = TomlSerializer.Deserialize(text, NetlifyTomlContext.Default.TomlTable)!;
        }
        catch (Exception e) when (e is TomlException or FormatException or InvalidOperationException)
        {
            throw new SiteException(new SourceLocation(file), $"netlify.toml is not valid TOML: {e.Message}", "correct the syntax Netlify's file-based configuration describes");
        }
        if (!model.TryGetValue("redirects", out var value) || value is not TomlTableArray tables) return None;
        var rules = new List<RedirectRule>();
        foreach (var table in tables)
        {
            var at = new SourceLocation(file);
            if (table.TryGetValue("from", out var from) is false || from is not string fromText || table.TryGetValue("to", out var to) is false || to is not string toText)
                throw new SiteException(at, "a [[redirects]] table without 'from' and 'to'", "give each [[redirects]] a from = \"/old/\" and a to = \"/new/\"");
            var status = !table.TryGetValue("status", out var s) ? 301 : s is long code ? (int)code : 0;
            if (!KnownStatus(status))
                throw new SiteException(at, $"the [[redirects]] from '{fromText}' has the status '{s}', which Netlify does not use for redirects",
                    "write status = 301 (or 302, 303, 307, 308, 200, 404, 410, 451)");
            var force = table.TryGetValue("force", out var f) && f is true;
            var conditions = table.ContainsKey("conditions") || table.ContainsKey("query");
            rules.Add(new RedirectRule(fromText, toText, status, force, at, conditions));
        }
        return new NetlifyRedirects(rules);
    }

    /// <summary>The rules of the published _redirects (in <paramref name="publishDir"/>) then those of the netlify.toml (when given and present).</summary>
    public static NetlifyRedirects Load(string publishDir, string? netlifyToml)
    {
        var redirects = Path.Combine(publishDir, "_redirects");
        var result = File.Exists(redirects) ? ParseRedirectsFile(File.ReadAllText(redirects), redirects) : None;
        if (netlifyToml is not null && File.Exists(netlifyToml))
        {
            try
            {
                result = result.Then(ParseNetlifyToml(File.ReadAllText(netlifyToml), netlifyToml));
            }
            catch (SiteException)
            {
                // The build reports a broken netlify.toml; serving goes on without its rules.
            }
        }
        return result;
    }

    /// <summary>The rule that applies to a request for <paramref name="path"/>, if any.</summary>
    /// <param name="fileExists">whether the site has a file for the path: then only forced rules apply.</param>
    /// <param name="host">the request's host, for domain-level rules; null matches none of them.</param>
    public RedirectMatch? Match(string path, bool fileExists, string? host = null)
    {
        foreach (var rule in Rules)
        {
            if (rule.Conditions || (fileExists && !rule.Force)) continue;
            if (PathPattern(rule.From, host) is { } pattern && MatchPattern(pattern, path) is { } values)
                return new RedirectMatch(rule, Fill(rule.To, values));
        }
        return null;
    }

    /// <summary>The path part of a rule's pattern; for a domain-level rule ("https://example.com/*") only when the request is for that host.</summary>
    private static string? PathPattern(string from, string? host)
    {
        var scheme = from.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return from;
        var slash = from.IndexOf('/', scheme + 3);
        var ruleHost = slash < 0 ? from[(scheme + 3)..] : from[(scheme + 3)..slash];
        return host is not null && string.Equals(ruleHost, host, StringComparison.OrdinalIgnoreCase) ? (slash < 0 ? "/" : from[slash..]) : null;
    }

    private static Dictionary<string, string>? MatchPattern(string pattern, string path)
    {
        var patternParts = Trim(pattern).Split('/');
        var pathParts = Trim(path).Split('/');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < patternParts.Length; i++)
        {
            var part = patternParts[i];
            if (part == "*" && i == patternParts.Length - 1)
            {
                values["splat"] = string.Join('/', path.Split('/').Skip(i)); // the rest as requested, trailing slash included
                return values;
            }
            if (i >= pathParts.Length) return null;
            if (part.StartsWith(':') && part.Length > 1 && pathParts[i].Length > 0) values[part[1..]] = pathParts[i];
            else if (part != pathParts[i]) return null;
        }
        return pathParts.Length == patternParts.Length ? values : null;
    }

    /// <summary>"/a/b/" and "/a/b" match alike; the root stays "/".</summary>
    private static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string Fill(string target, Dictionary<string, string> values)
    {
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
            target = target.Replace(":" + name, value, StringComparison.Ordinal);
        return target;
    }

    private static bool IsPattern(string from) => from.StartsWith('/') || from.StartsWith("http://", StringComparison.Ordinal) || from.StartsWith("https://", StringComparison.Ordinal);

    private static bool KnownStatus(int status) => status is 200 or 301 or 302 or 303 or 307 or 308 or 404 or 410 or 451;
}

/// <summary>Reads netlify.toml into Tomlyn's table model with generated code, not reflection (the release build is trimmed).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class NetlifyTomlContext : TomlSerializerContext;
