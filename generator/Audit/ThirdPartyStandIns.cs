using System.Collections.Concurrent;
using Microsoft.Playwright;
using Express.Site.Yaml;

namespace Express.Site.Audit;

/// <summary>
/// Intercepts every request a page makes to a host other than the site under test (audits and tests have no
/// internet) and records it. The hosts of a stand-in (Audit/StandIns/stand-ins.yml, with its scripts beside it) are
/// answered like the real service where it matters for privacy; requests to any other host are blocked and recorded
/// as such.
/// </summary>
public sealed class ThirdPartyStandIns
{
    /// <summary>A third party the audit can answer for, as stand-ins.yml describes it.</summary>
    public sealed class StandIn
    {
        public string Name { get; set; } = "";
        public List<string> Hosts { get; set; } = [];
        public List<ScriptAnswer> Scripts { get; set; } = [];
        public List<CookieAnswer> Cookies { get; set; } = [];
    }

    public sealed class ScriptAnswer
    {
        public string Host { get; set; } = "";
        public string? Path { get; set; }
        public string? PathSuffix { get; set; }
        public string File { get; set; } = "";

        public bool Matches(Uri url) => url.Host == Host && (Path is null || url.AbsolutePath == Path) && (PathSuffix is null || url.AbsolutePath.EndsWith(PathSuffix, StringComparison.Ordinal));
    }

    public sealed class CookieAnswer
    {
        public string Host { get; set; } = "";
        public string Path { get; set; } = "";
        public string SetCookie { get; set; } = "";
    }

    /// <summary>Every stand-in, read once from the embedded stand-ins.yml.</summary>
    public static IReadOnlyList<StandIn> All { get; } = Load();

    private static readonly ConcurrentDictionary<string, string> Scripts = new(StringComparer.Ordinal);

    private readonly string _siteHost;

    /// <param name="siteHost">The host of the site under test, whose requests go through untouched.</param>
    public ThirdPartyStandIns(string siteHost = "127.0.0.1") => _siteHost = siteHost;

    /// <summary>Every request to another host, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Whether a stand-in answers for <paramref name="host"/>; requests to other hosts are blocked.</summary>
    public static bool HasStandIn(string host) => All.SelectMany(s => s.Hosts).Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));

    private bool IsThirdParty(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss" && uri.Host != _siteHost;

    public async Task InstallAsync(IBrowserContext context) => await context.RouteAsync(IsThirdParty, async route =>
    {
        var url = new Uri(route.Request.Url);
        Requests.Enqueue(route.Request.Url);
        if (!HasStandIn(url.Host))
        {
            await route.AbortAsync("blockedbyclient");
            return;
        }
        if (All.SelectMany(s => s.Scripts).FirstOrDefault(s => s.Matches(url)) is { } script)
        {
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = Scripts.GetOrAdd(script.File, Resource) });
            return;
        }
        var headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        if (All.SelectMany(s => s.Cookies).FirstOrDefault(c => c.Host == url.Host && c.Path == url.AbsolutePath) is { } cookie)
            headers["Set-Cookie"] = cookie.SetCookie;
        await route.FulfillAsync(new() { Status = 200, Headers = headers, ContentType = "image/gif", BodyBytes = Gif });
    });

    /// <summary>Reads stand-ins.yml with the site's own YAML reader (no reflection: the release build is trimmed).</summary>
    private static List<StandIn> Load()
    {
        var file = Resource("stand-ins.yml");
        return [.. Maps(YamlReader.ReadMap(file, "stand-ins.yml"), "stand_ins").Select(s => new StandIn
        {
            Name = Text(s, "name")!,
            Hosts = [.. List(s, "hosts").Select(h => (string)h!)],
            Scripts = [.. Maps(s, "scripts").Select(a => new ScriptAnswer { Host = Text(a, "host")!, Path = Text(a, "path"), PathSuffix = Text(a, "path_suffix"), File = Text(a, "file")! })],
            Cookies = [.. Maps(s, "cookies").Select(c => new CookieAnswer { Host = Text(c, "host")!, Path = Text(c, "path")!, SetCookie = Text(c, "set_cookie")! })],
        })];

        static IEnumerable<object?> List(YamlMap map, string key) => map.GetValueOrDefault(key) as YamlList ?? Enumerable.Empty<object?>();
        static IEnumerable<YamlMap> Maps(YamlMap map, string key) => List(map, key).Cast<YamlMap>();
        static string? Text(YamlMap map, string key) => (string?)map.GetValueOrDefault(key);
    }

    private static string Resource(string file)
    {
        using var stream = typeof(ThirdPartyStandIns).Assembly.GetManifestResourceStream("StandIns/" + file)
                           ?? throw new InvalidOperationException($"the audit's stand-in {file} is not built into the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A transparent 1×1 GIF, the answer of every beacon and pixel.</summary>
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
}
