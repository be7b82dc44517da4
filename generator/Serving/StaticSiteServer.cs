using System.Net;
using System.Text;
using Express.Site.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Express.Site.Serving;

/// <summary>A part of the server that adds to what it serves: the preview's live reload.</summary>
public interface IServerExtension
{
    /// <summary>Answers a request itself when it returns true (its own endpoints).</summary>
    Task<bool> TryHandleAsync(HttpContext context);

    /// <summary>Changes every HTML page on its way out.</summary>
    string TransformHtml(string html);
}

/// <summary>
/// Serves a built output folder on 127.0.0.1 with Kestrel, the way Netlify does: the redirects of _redirects and
/// netlify.toml (see <see cref="NetlifyRedirects"/>), pretty URLs (/x/ is x/index.html, /x redirects to /x/),
/// 404.html for anything missing, the headers of the site's _headers on every response, and the content type of every
/// kind of file a site holds. Requests are answered concurrently; files are read at each request, so a rebuild
/// shows at once.
/// </summary>
public sealed class StaticSiteServer : IDisposable
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private readonly string _root;
    private readonly string? _netlifyToml;
    private readonly IServerExtension? _extension;
    private readonly WebApplication _app;

    /// <summary>The address to open, e.g. "http://127.0.0.1:45123".</summary>
    public string Origin { get; }

    /// <param name="port">0 for any free port.</param>
    /// <param name="netlifyToml">the site's netlify.toml, whose [[redirects]] apply after those of _redirects.</param>
    /// <exception cref="InvalidOperationException">when the port is taken.</exception>
    public StaticSiteServer(string root, int port = 0, string? netlifyToml = null, IServerExtension? extension = null)
    {
        (_root, _netlifyToml, _extension) = (Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), netlifyToml, extension);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // no "Server: Kestrel": not something the published site sends
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        try
        {
            _app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException($"cannot listen on port {port} ({e.Message}): another program uses it; stop it or choose another port with --port N");
        }
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Origin = $"http://127.0.0.1:{new Uri(address).Port}";
    }

    public string Url(string path) => Origin + path;

    private async Task HandleAsync(HttpContext context)
    {
        if (_extension is not null && await _extension.TryHandleAsync(context)) return;
        var path = context.Request.Path.Value is { Length: > 0 } value ? value : "/";
        var query = context.Request.QueryString.Value ?? "";
        var (file, needsSlash) = Lookup(path);

        if (NetlifyRedirects.Load(_root, _netlifyToml).Match(path, file is not null || needsSlash, context.Request.Host.Host) is { } match)
        {
            if (match.Rule.IsRedirect)
            {
                Redirect(context, path, match.Rule.Status, match.Target.Contains('?') ? match.Target : match.Target + query);
                return;
            }
            if (match.Target.Contains("://", StringComparison.Ordinal))
            {
                // A proxy to another site: the preview and the audit contact no other host.
                await SendTextAsync(context, path, 502, "text/plain; charset=utf-8", $"{match.Target}: proxy rules to other sites are not followed here.\n");
                return;
            }
            var (target, _) = Lookup(match.Target.Split('?')[0]);
            if (target is not null)
            {
                await SendFileAsync(context, path, match.Rule.Status, target);
                return;
            }
        }
        if (needsSlash)
        {
            Redirect(context, path, 301, path + "/" + query);
            return;
        }
        if (file is not null)
        {
            await SendFileAsync(context, path, 200, file);
            return;
        }
        var notFound = Path.Combine(_root, "404.html");
        if (File.Exists(notFound)) await SendFileAsync(context, path, 404, notFound);
        // Without a 404.html (nothing built yet) an empty page, so that the preview can still show its messages.
        else await SendTextAsync(context, path, 404, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head><body></body></html>");
    }

    /// <summary>The file that answers <paramref name="path"/>, or whether the path names a folder with an index.html (then /x redirects to /x/).</summary>
    private (string? File, bool NeedsSlash) Lookup(string path)
    {
        var relative = path.TrimStart('/');
        if (relative is "_headers" or "_redirects") return (null, false); // Netlify reads these, it does not serve them
        if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return (null, false);
        if (File.Exists(full)) return (full, false);
        return (null, !path.EndsWith('/') && File.Exists(Path.Combine(full, "index.html")));
    }

    private void Redirect(HttpContext context, string path, int status, string location)
    {
        ApplyHeaders(context, path);
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
    }

    private async Task SendFileAsync(HttpContext context, string path, int status, string file)
    {
        var type = ContentType(file);
        if (file.EndsWith(".html", StringComparison.Ordinal))
        {
            var html = await File.ReadAllTextAsync(file, context.RequestAborted);
            await SendTextAsync(context, path, status, type, _extension?.TransformHtml(html) ?? html);
            return;
        }
        ApplyHeaders(context, path);
        if (status == 200)
        {
            // Ranges (video), HEAD, Last-Modified and ETag, as a file server does.
            await Results.File(file, type, enableRangeProcessing: true).ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.SendFileAsync(file, context.RequestAborted);
    }

    private async Task SendTextAsync(HttpContext context, string path, int status, string type, string text)
    {
        ApplyHeaders(context, path);
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private void ApplyHeaders(HttpContext context, string path)
    {
        var file = Path.Combine(_root, "_headers");
        if (!File.Exists(file)) return;
        foreach (var (name, value) in NetlifyHeaders.Parse(File.ReadAllText(file)).For(path)) context.Response.Headers[name] = value;
    }

    /// <summary>The content type of a file by its extension: ASP.NET Core's table, plus what it lacks, and UTF-8 for text.</summary>
    public static string ContentType(string file)
    {
        if (!ContentTypes.TryGetContentType(file, out var type)) return "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/xml" or "application/manifest+json" or "image/svg+xml"
            ? type + "; charset=utf-8"
            : type;
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".avif"] = "image/avif";
        provider.Mappings[".webp"] = "image/webp";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".xml"] = "application/xml";
        provider.Mappings[".woff2"] = "font/woff2";
        provider.Mappings[".woff"] = "font/woff";
        provider.Mappings[".ttf"] = "font/ttf";
        provider.Mappings[".otf"] = "font/otf";
        provider.Mappings[".vtt"] = "text/vtt";
        provider.Mappings[".ics"] = "text/calendar";
        return provider;
    }

    public void Dispose()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _app.StopAsync(timeout.Token).GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
