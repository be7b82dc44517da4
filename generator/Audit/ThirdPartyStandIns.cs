using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Express.Site.Audit;

/// <summary>
/// Intercepts every request a page makes to a host other than the site under test (audits and tests have no
/// internet) and records it. Google's and Meta's hosts are answered by stand-ins that behave like the real tags where
/// it matters for privacy: gtag.js honours Consent Mode and sets _ga and _ga_&lt;id&gt; (two years, or the
/// configured cookie_expires), again on pagehide, fbevents.js sets _fbp for 90 days, the pixel's answer sets the third-party fr cookie,
/// and both send their beacons. Requests to any other host are blocked and recorded as such.
/// </summary>
public sealed class ThirdPartyStandIns
{
    /// <summary>gtag.js: honours Consent Mode (cookies only with analytics_storage granted), sets _ga and _ga_&lt;id&gt;, sends a page_view.</summary>
    public const string GoogleTag = """
        (function () {
          var dl = window.dataLayer = window.dataLayer || [];
          var consent = { analytics_storage: 'granted' }, ids = [], expires = 63072000;
          function handle(args) {
            if (args[0] === 'consent') Object.assign(consent, args[2]);
            if (args[0] === 'config') { ids.push(args[1]); if (args[2] && args[2].cookie_expires) expires = args[2].cookie_expires; }
          }
          function store(id) {
            if (consent.analytics_storage !== 'granted') return;
            document.cookie = '_ga=GA1.1.1234567890.1700000000; path=/; max-age=' + expires;
            document.cookie = '_ga_' + id.replace(/^G-/, '') + '=GS1.1.1700000000.1.0.1700000000.0.0.0; path=/; max-age=' + expires;
          }
          function send() {
            ids.forEach(function (id) {
              store(id);
              navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=page_view&gcs=' + (consent.analytics_storage === 'granted' ? 'G111' : 'G100'));
            });
          }
          // Like the real tag, it writes its cookies again as the page goes away (engagement time, session state).
          window.addEventListener('pagehide', function () { ids.forEach(store); });
          for (var i = 0; i < dl.length; i++) handle(dl[i]);
          var push = dl.push.bind(dl);
          dl.push = function (args) { handle(args); var r = push(args); send(); return r; };
          send();
        })();
        """;

    /// <summary>fbevents.js: runs the fbq queue, sets _fbp for 90 days, sends the PageView pixel.</summary>
    public const string MetaPixel = """
        (function () {
          var fbq = window.fbq, pixel = null;
          function run(args) {
            if (args[0] === 'init') pixel = args[1];
            if (args[0] === 'track' && pixel) {
              document.cookie = '_fbp=fb.1.1700000000000.1234567890; path=/; max-age=7776000';
              new Image().src = 'https://www.facebook.com/tr?id=' + pixel + '&ev=' + args[1];
            }
          }
          (fbq.queue || []).forEach(run);
          fbq.callMethod = function () { run(arguments); };
        })();
        """;

    private static readonly string[] StandInHosts =
        ["googletagmanager.com", "google-analytics.com", "analytics.google.com", "facebook.net", "facebook.com", "youtube-nocookie.com", "youtube.com"];

    private readonly string _siteHost;

    /// <param name="siteHost">The host of the site under test, whose requests go through untouched.</param>
    public ThirdPartyStandIns(string siteHost = "127.0.0.1") => _siteHost = siteHost;

    /// <summary>Every request to another host, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Whether a stand-in answers for <paramref name="host"/>; requests to other hosts are blocked.</summary>
    public static bool HasStandIn(string host) => StandInHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));

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
        var script = url.Host switch
        {
            "www.googletagmanager.com" when url.AbsolutePath == "/gtag/js" => GoogleTag,
            "connect.facebook.net" when url.AbsolutePath.EndsWith("/fbevents.js", StringComparison.Ordinal) => MetaPixel,
            _ => null,
        };
        if (script is not null)
        {
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = script });
            return;
        }
        var headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        if (url.Host == "www.facebook.com" && url.AbsolutePath == "/tr")
            headers["Set-Cookie"] = "fr=0abcdefghijklmnop..stand-in; Domain=.facebook.com; Path=/; Max-Age=7776000; Secure; SameSite=None; HttpOnly";
        await route.FulfillAsync(new() { Status = 200, Headers = headers, ContentType = "image/gif", BodyBytes = Gif });
    });

    /// <summary>A transparent 1×1 GIF, the answer of every beacon and pixel.</summary>
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
}
