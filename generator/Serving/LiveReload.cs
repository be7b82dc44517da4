using System.Text.Json.Nodes;
using System.Threading.Channels;
using Express.Site.Core;
using Microsoft.AspNetCore.Http;

namespace Express.Site.Serving;

/// <summary>
/// Live reload for the preview: every HTML page gets a small first-party script (only when served by the preview,
/// never in the output) that listens to server-sent events. After a good rebuild the pages reload; after a failed one
/// they show the errors in an overlay until a rebuild succeeds. The script is a same-origin file and the events a
/// same-origin connection, so the site's Content-Security-Policy allows both without a change.
/// </summary>
public sealed class LiveReload(string failedTitle = LiveReload.DefaultFailedTitle) : IServerExtension, IDisposable
{
    public const string ScriptPath = "/__express/live-reload.js";
    public const string EventsPath = "/__express/events";

    /// <summary>The overlay's title when the theme gives none; {count} is the number of errors.</summary>
    public const string DefaultFailedTitle = "The build failed with {count} error(s); the page below is the last good version";

    private const string Script = """
        (() => {
          'use strict';
          const events = new EventSource('/__express/events');
          let overlay = null;
          events.addEventListener('open', () => document.documentElement.setAttribute('data-live-reload', 'connected'));
          events.addEventListener('reload', () => location.reload());
          events.addEventListener('ok', () => { if (overlay) { overlay.remove(); overlay = null; } });
          events.addEventListener('failed', e => {
            const errors = JSON.parse(e.data);
            if (overlay) overlay.remove();
            overlay = document.createElement('div');
            overlay.setAttribute('role', 'alert');
            overlay.setAttribute('data-express-errors', '');
            Object.assign(overlay.style, { position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', padding: '2rem',
              background: 'rgba(21, 32, 43, 0.95)', color: '#ffffff', font: '15px/1.5 ui-monospace, monospace' });
            const title = document.createElement('h2');
            title.textContent = errors.title;
            overlay.append(title);
            for (const error of errors.errors) {
              const item = document.createElement('pre');
              item.style.whiteSpace = 'pre-wrap';
              item.textContent = error.location + ': ' + error.message + (error.fix ? '\n  fix: ' + error.fix : '');
              overlay.append(item);
            }
            document.body.append(overlay);
          });
        })();
        """;

    private readonly List<Channel<string>> _clients = [];
    private readonly object _lock = new();
    private string _state = "event: ok\ndata: {}\n\n";

    /// <summary>The overlay's title from the theme's texts.yml (preview_failed), else the default.</summary>
    public static string FailedTitleFrom(string themeDir) => ThemeTexts.Load(themeDir).GetValueOrDefault("preview_failed") ?? DefaultFailedTitle;

    /// <summary>Adds the live-reload script to a page.</summary>
    public static string Inject(string html)
    {
        var tag = $"<script src=\"{ScriptPath}\" defer></script>";
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + tag : html.Insert(at, tag + "\n");
    }

    public string TransformHtml(string html) => Inject(html);

    /// <summary>Answers the script and the event stream; false for every other request.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path == ScriptPath)
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(Script, context.RequestAborted);
            return true;
        }
        if (path != EventsPath) return false;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        // Each page's stream has its own queue, so a slow page never holds up a rebuild or the other pages.
        var queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            queue.Writer.TryWrite(_state);
            _clients.Add(queue);
        }
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(message, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page went away.
        }
        finally
        {
            lock (_lock) _clients.Remove(queue);
        }
        return true;
    }

    /// <summary>Tells every page to reload after a good rebuild.</summary>
    public void Reload() => Broadcast("event: ok\ndata: {}\n\n", "event: reload\ndata: {}\n\n");

    /// <summary>Shows the errors of a failed rebuild on every page, and on pages opened until the next good one.</summary>
    public void Failed(IReadOnlyList<Diagnostic> errors)
    {
        var data = new JsonObject
        {
            ["title"] = failedTitle.Replace("{count}", errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["errors"] = new JsonArray([.. errors.Select(e => new JsonObject { ["location"] = e.Location.ToString(), ["message"] = e.Message, ["fix"] = e.Fix })]),
        }.ToJsonString();
        var message = $"event: failed\ndata: {data}\n\n";
        Broadcast(message, message);
    }

    private void Broadcast(string state, string message)
    {
        lock (_lock)
        {
            _state = state;
            foreach (var client in _clients) client.Writer.TryWrite(message);
        }
    }

    /// <summary>Ends every open event stream, so the server can stop.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var client in _clients) client.Writer.TryComplete();
            _clients.Clear();
        }
    }
}
