using System.Diagnostics;
using Express.Site.Core;
using Express.Site.Incremental;

namespace Express.Site.Serving;

/// <summary>
/// The editors' preview: builds the site, serves it on 127.0.0.1 like Netlify, watches the input and the theme,
/// rebuilds on every change (with every check of a normal build: gating, validation, the leak audit) and makes the
/// open pages reload, or show the errors while the last good site stays served. No file event stops it: a rebuild
/// that fails for any reason shows its error and waits for the next change; a save during a rebuild cancels it.
/// </summary>
public sealed class PreviewServer : IDisposable
{
    public const int DefaultPort = 5080;

    /// <summary>How long to wait before trying again when a rebuild failed because files changed under it.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(200);

    private readonly BuildOptions _options;
    private readonly Action<string> _log;
    private readonly Action<IReadOnlyList<Diagnostic>> _printErrors;
    private readonly LiveReload _live;
    private readonly object _buildLock = new();
    private readonly object _runningLock = new();
    private readonly IncrementalBuilder _builder;
    private readonly Timer _retry;
    private readonly IdleCollector _idleCollector = new();
    private CancellationTokenSource? _running;
    private bool _needsFullBuild;
    private bool _retried;
    private bool _stopped;
    private StaticSiteServer? _server;
    private SiteWatcher? _watcher;

    /// <summary>Raised when a rebuild starts (for tests and tools).</summary>
    public event Action? RebuildStarted;

    /// <summary>Raised after each rebuild, good, failed or cancelled (for tests and tools).</summary>
    public event Action<RebuildResult>? Rebuilt;

    public string Origin => _server?.Origin ?? throw new InvalidOperationException("the preview is not started");

    /// <param name="fixedDate">build as if today were this date; null: the real date at each rebuild.</param>
    public PreviewServer(BuildOptions options, DateTime? fixedDate, Action<string> log, Action<IReadOnlyList<Diagnostic>> printErrors)
    {
        (_options, _log, _printErrors) = (options, log, printErrors);
        _builder = new IncrementalBuilder(options, fixedDate);
        _live = new LiveReload(LiveReload.FailedTitleFrom(options.ThemeDir));
        _retry = new Timer(_ => Rebuild([]));
    }

    /// <summary>Builds once, then serves and watches. A failed first build still serves (the errors show on every page).</summary>
    /// <exception cref="InvalidOperationException">when the port is taken.</exception>
    public RebuildResult Start(int port = DefaultPort)
    {
        _server = new StaticSiteServer(_options.OutputDir, port, Path.Combine(_options.ProjectRoot, "netlify.toml"), _live);
        // Watching before the first build: a save during it (seconds on a large site) cancels it, and the next build
        // sees the saved file; started after it, the watcher would never hear of that save.
        _watcher = new SiteWatcher([_options.InputDir, _options.ThemeDir], changed => Rebuild(changed), CancelRunningRebuild);
        return Rebuild([]);
    }

    /// <summary>A newer save makes the running rebuild pointless: stop it, the next batch builds again.</summary>
    private void CancelRunningRebuild()
    {
        lock (_runningLock) _running?.Cancel();
    }

    /// <summary>Simulates the file watcher losing events (its buffer overflowed), for tests.</summary>
    internal void SimulateLostEvents() => _watcher?.LostEvents();

    private RebuildResult Rebuild(IReadOnlyList<string> changed)
    {
        lock (_buildLock)
        {
            // A save or the retry timer may have been waiting for the lock while the preview stopped.
            if (_stopped) return new RebuildResult(false, TimeSpan.Zero, 0, [], Cancelled: true);
            var clock = Stopwatch.StartNew();
            if (_needsFullBuild) changed = []; // after the generator failed or files changed under it, build everything again
            var what = changed.Count == 0 ? "" : " after " + string.Join(", ", changed.Take(3).Select(_options.Display)) + (changed.Count > 3 ? $" and {changed.Count - 3} more" : "");
            using var cancellation = new CancellationTokenSource();
            lock (_runningLock) _running = cancellation;
            RebuildStarted?.Invoke();
            RebuildResult result;
            try
            {
                var rebuilt = _builder.Rebuild(changed, cancellation.Token);
                (_needsFullBuild, _retried) = (false, false);
                result = new RebuildResult(true, clock.Elapsed, rebuilt, []);
                _log($"Rendered {rebuilt} page(s) in {clock.ElapsedMilliseconds} ms{what}.");
                _live.Reload();
            }
            catch (Exception e) when (cancellation.IsCancellationRequested && e is not BuildFailedException)
            {
                // Cancelled between steps, in a parallel loop (then wrapped in an AggregateException) or in a template loop.
                // The next rebuild takes up this batch's changes with its own (IncrementalBuilder).
                result = new RebuildResult(false, clock.Elapsed, 0, [], Cancelled: true);
                _log($"Stopped the rebuild{what} after {clock.ElapsedMilliseconds} ms: a newer change arrived.");
            }
            catch (BuildFailedException e)
            {
                // The next rebuild takes up this batch's changes with its own, as after a cancellation (IncrementalBuilder):
                // fixing a typo on a large site renders that page, not the whole site.
                result = Failed(clock, e.Errors, what);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Files changed under the build (a temporary file deleted while it was read, a link that now dangles),
                // or a fault of the generator: either way the preview keeps serving the last good site.
                if (e is AggregateException { InnerExceptions.Count: 1 } single) e = single.InnerExceptions[0];
                var error = e switch
                {
                    SiteException site => site.Diagnostic,
                    IOException or UnauthorizedAccessException => Diagnostic.Error(new SourceLocation(_options.Display(_options.InputDir)),
                        $"the build could not read its files: {e.Message}", "the preview tries again when the files are quiet; if the error stays, check the file it names"),
                    _ => Diagnostic.Error(new SourceLocation(_options.Display(_options.InputDir)), $"the generator failed: {e}",
                        "save again to retry; if it stays, run 'build' and report the message"),
                };
                result = Failed(clock, [error], what);
                _needsFullBuild = true;
                if (!_retried)
                {
                    _retried = true;
                    _retry.Change(RetryAfter, Timeout.InfiniteTimeSpan);
                }
            }
            finally
            {
                lock (_runningLock) _running = null;
            }
            Rebuilt?.Invoke(result);
            _idleCollector.AfterRebuild();
            return result;
        }
    }

    private RebuildResult Failed(Stopwatch clock, IReadOnlyList<Diagnostic> errors, string what)
    {
        _printErrors(errors);
        _log($"The build failed with {errors.Count} error(s){what}; the last good site is still served.");
        _live.Failed(errors);
        return new RebuildResult(false, clock.Elapsed, 0, errors);
    }

    /// <summary>Stops watching, cancels a running rebuild and waits until it has let go of the output (a swap or a
    /// delete in progress finishes), so nothing writes to the output after this returns.</summary>
    public void Dispose()
    {
        _watcher?.Dispose();
        _retry.Dispose();
        CancelRunningRebuild();
        lock (_buildLock) _stopped = true;
        _live.Dispose();
        _server?.Dispose();
    }
}

/// <summary>What one rebuild did: whether it succeeded, how long it took, how many pages it rendered, its errors, and whether a newer change cancelled it.</summary>
public sealed record RebuildResult(bool Succeeded, TimeSpan Elapsed, int PagesRendered, IReadOnlyList<Diagnostic> Errors, bool Cancelled = false);
