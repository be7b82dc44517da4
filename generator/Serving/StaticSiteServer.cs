using System.Net;
using System.Net.Sockets;

namespace Express.Site.Serving;

/// <summary>
/// Serves a built output folder on 127.0.0.1 the way Netlify does: pretty URLs (/x/ is x/index.html, /x redirects to
/// /x/), 404.html for anything missing, and the headers of the site's _headers file on every response. The preview
/// server hooks in with <see cref="Intercept"/> (its own endpoints) and <see cref="TransformHtml"/>.
/// </summary>
public sealed class StaticSiteServer : IDisposable
{
    /// <summary>Answers a request itself when it returns true (and then owns the response).</summary>
    public Func<HttpListenerContext, bool>? Intercept { get; init; }

    /// <summary>Changes every HTML page on its way out (the preview's live-reload script).</summary>
    public Func<string, string>? TransformHtml { get; init; }

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".htm"] = "text/html; charset=utf-8", [".xhtml"] = "application/xhtml+xml", [".css"] = "text/css; charset=utf-8", [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json", [".svg"] = "image/svg+xml", [".png"] = "image/png", [".jpg"] = "image/jpeg",
        [".xml"] = "application/xml", [".txt"] = "text/plain; charset=utf-8", [".woff2"] = "font/woff2", [".ico"] = "image/x-icon",
    };

    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Thread _loop;

    /// <summary>The address to open, e.g. "http://127.0.0.1:45123".</summary>
    public string Origin { get; }

    /// <param name="port">0 for any free port.</param>
    /// <exception cref="InvalidOperationException">when the port is taken.</exception>
    public StaticSiteServer(string root, int port = 0)
    {
        _root = Path.GetFullPath(root);
        if (port == 0) port = FreePort();
        Origin = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Origin + "/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException($"cannot listen on port {port} ({e.Message}): another program uses it; stop it or choose another port with --port N");
        }
        // A thread of its own: on the thread pool, a busy test run would keep requests waiting for a free thread.
        _loop = new Thread(Serve) { IsBackground = true, Name = "static site server" };
        _loop.Start();
    }

    public string Url(string path) => Origin + path;

    /// <summary>Answers one request after the other: the files are small and on disk, so that is fast enough.</summary>
    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            if (Intercept?.Invoke(context) == true) continue;
            Respond(context);
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            var file = Resolve(path);
            if (file is null && !path.EndsWith('/') && Resolve(path + "/") is not null)
            {
                response.StatusCode = 301;
                response.RedirectLocation = path + "/";
                return;
            }
            var status = 200;
            if (file is null)
            {
                status = 404;
                file = Path.Combine(_root, "404.html");
            }
            foreach (var (name, value) in Headers().For(path)) response.Headers[name] = value;
            response.StatusCode = status;
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            // Without a 404.html (nothing built yet) a bare page, so that the preview can still show its messages.
            var bytes = File.Exists(file) ? File.ReadAllBytes(file)
                : status == 404 ? "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Ikke funnet</title></head><body></body></html>"u8.ToArray() : [];
            if (TransformHtml is not null && file.EndsWith(".html", StringComparison.Ordinal))
                bytes = System.Text.Encoding.UTF8.GetBytes(TransformHtml(System.Text.Encoding.UTF8.GetString(bytes)));
            response.ContentLength64 = bytes.Length;
            if (context.Request.HttpMethod != "HEAD") response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException)
        {
            // The browser went away mid-response: nothing to do.
        }
    }

    private string? Resolve(string path)
    {
        var relative = path.TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    private NetlifyHeaders Headers()
    {
        var file = Path.Combine(_root, "_headers");
        return NetlifyHeaders.Parse(File.Exists(file) ? File.ReadAllText(file) : "");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Join(TimeSpan.FromSeconds(5));
    }
}
