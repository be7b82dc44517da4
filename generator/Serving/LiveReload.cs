using System.Net;
using System.Text;
using System.Text.Json;
using Express.Site.Core;

namespace Express.Site.Serving;

/// <summary>
/// Live reload for the preview: every HTML page gets a small first-party script (only when served by the preview,
/// never in the output) that listens to server-sent events. After a good rebuild the pages reload; after a failed one
/// they show the errors in an overlay until a rebuild succeeds. The script is a same-origin file and the events a
/// same-origin connection, so the site's Content-Security-Policy allows both without a change.
/// </summary>
public sealed class LiveReload : IDisposable
{
    public const string ScriptPath = "/__express/live-reload.js";
    public const string EventsPath = "/__express/events";

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
            title.textContent = 'Bygget feilet: ' + errors.length + ' feil (siden under er forrige gode versjon)';
            overlay.append(title);
            for (const error of errors) {
              const item = document.createElement('pre');
              item.style.whiteSpace = 'pre-wrap';
              item.textContent = error.location + ': ' + error.message + (error.fix ? '\n  fix: ' + error.fix : '');
              overlay.append(item);
            }
            document.body.append(overlay);
          });
        })();
        """;

    private static readonly byte[] ScriptBytes = Encoding.UTF8.GetBytes(Script);

    private readonly List<HttpListenerResponse> _clients = [];
    private readonly object _lock = new();
    private string _state = "event: ok\ndata: {}\n\n";

    /// <summary>Adds the live-reload script to a page.</summary>
    public static string Inject(string html)
    {
        var tag = $"<script src=\"{ScriptPath}\" defer></script>";
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + tag : html.Insert(at, tag + "\n");
    }

    /// <summary>Answers the script and the event stream; false for every other request.</summary>
    public bool TryHandle(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        if (path == ScriptPath)
        {
            using var response = context.Response;
            response.ContentType = "text/javascript; charset=utf-8";
            response.Headers["Cache-Control"] = "no-store";
            response.OutputStream.Write(ScriptBytes);
            return true;
        }
        if (path != EventsPath) return false;
        var stream = context.Response;
        stream.ContentType = "text/event-stream";
        stream.Headers["Cache-Control"] = "no-store";
        stream.SendChunked = true;
        lock (_lock)
        {
            if (!Send(stream, _state)) return true;
            _clients.Add(stream);
        }
        return true;
    }

    /// <summary>Tells every page to reload after a good rebuild.</summary>
    public void Reload() => Broadcast("event: ok\ndata: {}\n\n", "event: reload\ndata: {}\n\n");

    /// <summary>Shows the errors of a failed rebuild on every page, and on pages opened until the next good one.</summary>
    public void Failed(IReadOnlyList<Diagnostic> errors)
    {
        var data = JsonSerializer.Serialize(errors.Select(e => new { location = e.Location.ToString(), message = e.Message, fix = e.Fix }));
        var message = $"event: failed\ndata: {data}\n\n";
        Broadcast(message, message);
    }

    private void Broadcast(string state, string message)
    {
        lock (_lock)
        {
            _state = state;
            _clients.RemoveAll(client => !Send(client, message));
        }
    }

    private static bool Send(HttpListenerResponse client, string message)
    {
        try
        {
            client.OutputStream.Write(Encoding.UTF8.GetBytes(message));
            client.OutputStream.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                try
                {
                    client.Close();
                }
                catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException)
                {
                }
            }
            _clients.Clear();
        }
    }
}
