using System.Diagnostics;
using Express.Site.Core;
using Express.Site.Incremental;

namespace Express.Site.Serving;

/// <summary>
/// The editors' preview: builds the site, serves it on 127.0.0.1 like Netlify, watches the input and the theme,
/// rebuilds on every change (with every check of a normal build: gating, validation, the leak audit) and makes the
/// open pages reload, or show the errors while the last good site stays served.
/// </summary>
public sealed class PreviewServer : IDisposable
{
    public const int DefaultPort = 5080;

    private readonly BuildOptions _options;
    private readonly Action<string> _log;
    private readonly Action<IReadOnlyList<Diagnostic>> _printErrors;
    private readonly LiveReload _live = new();
    private readonly object _buildLock = new();
    private readonly IncrementalBuilder _builder;
    private StaticSiteServer? _server;
    private SiteWatcher? _watcher;

    /// <summary>Raised after each rebuild, good or failed (for tests and tools).</summary>
    public event Action<RebuildResult>? Rebuilt;

    public string Origin => _server?.Origin ?? throw new InvalidOperationException("the preview is not started");

    /// <param name="fixedDate">build as if today were this date; null: the real date at each rebuild.</param>
    public PreviewServer(BuildOptions options, DateTime? fixedDate, Action<string> log, Action<IReadOnlyList<Diagnostic>> printErrors)
    {
        (_options, _log, _printErrors) = (options, log, printErrors);
        _builder = new IncrementalBuilder(options, fixedDate);
    }

    /// <summary>Builds once, then serves and watches. A failed first build still serves (the errors show on every page).</summary>
    /// <exception cref="InvalidOperationException">when the port is taken.</exception>
    public RebuildResult Start(int port = DefaultPort)
    {
        _server = new StaticSiteServer(_options.OutputDir, port) { Intercept = _live.TryHandle, TransformHtml = LiveReload.Inject };
        var first = Rebuild([]);
        _watcher = new SiteWatcher([_options.InputDir, _options.ThemeDir], changed => Rebuild(changed));
        return first;
    }

    private RebuildResult Rebuild(IReadOnlyList<string> changed)
    {
        lock (_buildLock)
        {
            var clock = Stopwatch.StartNew();
            var what = changed.Count == 0 ? "" : " after " + string.Join(", ", changed.Take(3).Select(_options.Display)) + (changed.Count > 3 ? $" and {changed.Count - 3} more" : "");
            RebuildResult result;
            try
            {
                var rebuilt = _builder.Rebuild(changed);
                result = new RebuildResult(true, clock.Elapsed, rebuilt, []);
                _log($"Rendered {rebuilt} page(s) in {clock.ElapsedMilliseconds} ms{what}.");
                _live.Reload();
            }
            catch (BuildFailedException e)
            {
                result = new RebuildResult(false, clock.Elapsed, 0, e.Errors);
                _printErrors(e.Errors);
                _log($"The build failed with {e.Errors.Count} error(s){what}; the last good site is still served.");
                _live.Failed(e.Errors);
            }
            Rebuilt?.Invoke(result);
            return result;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _live.Dispose();
        _server?.Dispose();
    }
}

/// <summary>What one rebuild did: whether it succeeded, how long it took, how many pages it rendered, and its errors.</summary>
public sealed record RebuildResult(bool Succeeded, TimeSpan Elapsed, int PagesRendered, IReadOnlyList<Diagnostic> Errors);
