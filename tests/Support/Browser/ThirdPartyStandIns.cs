using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Express.Site.Tests.Support.Browser;

/// <summary>
/// Intercepts every request a page makes to a host other than 127.0.0.1 (the tests have no internet) and records it.
/// Google's and Meta's tags are answered with stand-ins that behave like the real ones where it matters here: they
/// set the real cookie names (_ga, _ga_&lt;id&gt;, _fbp) and send beacons to the real collection hosts. Anything else
/// gets an empty answer.
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
          function send() {
            ids.forEach(function (id) {
              if (consent.analytics_storage === 'granted') {
                document.cookie = '_ga=GA1.1.1234567890.1700000000; path=/; max-age=' + expires;
                document.cookie = '_ga_' + id.replace(/^G-/, '') + '=GS1.1.1700000000.1.0.1700000000.0.0.0; path=/; max-age=' + expires;
              }
              navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=page_view&gcs=' + (consent.analytics_storage === 'granted' ? 'G111' : 'G100'));
            });
          }
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

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Everything but the site under test on 127.0.0.1 (data: and blob: URLs never reach the network).</summary>
    private static bool IsThirdParty(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss" && uri.Host != "127.0.0.1";

    public async Task InstallAsync(IBrowserContext context) => await context.RouteAsync(IsThirdParty, async route =>
    {
        var url = new Uri(route.Request.Url);
        Requests.Enqueue(route.Request.Url);
        var script = url.Host switch
        {
            "www.googletagmanager.com" when url.AbsolutePath == "/gtag/js" => GoogleTag,
            "connect.facebook.net" when url.AbsolutePath.EndsWith("/fbevents.js", StringComparison.Ordinal) => MetaPixel,
            _ => null,
        };
        await route.FulfillAsync(script is null
            ? new() { Status = 204, Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" } }
            : new() { Status = 200, ContentType = "text/javascript", Body = script });
    });
}
