namespace Express.Site.Serving;

/// <summary>
/// Watches folders for changes and reports them in batches: a burst of saves (an editor writing a temporary file,
/// then renaming it) becomes one batch once the folders have been quiet for <see cref="Quiet"/>. When the system
/// drops events (its buffer overflowed), the next batch is empty, which means "anything may have changed".
/// Every event is also announced at once through <c>activity</c>, so a running rebuild can be cancelled.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private readonly Action<IReadOnlyList<string>> _changed;
    private readonly Action _activity;
    private bool _lostEvents;

    /// <summary>An editor's save is a burst of events within a millisecond or two; should one come later, it cancels the
    /// rebuild this batch started, and the next rebuild takes up both batches (IncrementalBuilder), so a short wait
    /// costs little (it was 40 ms while a cancelled rebuild meant a full one next).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(10);

    /// <param name="changed">called with each batch of changed paths; an empty batch after lost events.</param>
    /// <param name="activity">called on every event, before the batch is complete.</param>
    public SiteWatcher(IEnumerable<string> folders, Action<IReadOnlyList<string>> changed, Action? activity = null)
    {
        (_changed, _activity) = (changed, activity ?? (() => { }));
        _timer = new Timer(_ => Flush());
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += (_, e) => Add(e.FullPath);
            watcher.Created += (_, e) => Add(e.FullPath);
            watcher.Deleted += (_, e) => Add(e.FullPath);
            watcher.Renamed += (_, e) => { Add(e.OldFullPath); Add(e.FullPath); };
            watcher.Error += (_, _) => LostEvents();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Whether a file name is an editor's temporary or backup file, whose events mean nothing to the site.</summary>
    public static bool IsEditorTemporary(string name) =>
        name.StartsWith('.') || name.EndsWith('~') || name.StartsWith('#') && name.EndsWith('#')
        || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".swx", StringComparison.Ordinal)
        || name == "4913"; // vim's probe whether it may write in the folder: created and deleted at every save

    private void Add(string path)
    {
        if (IsEditorTemporary(Path.GetFileName(path))) return;
        lock (_pending) _pending.Add(path);
        Schedule();
    }

    /// <summary>The watcher lost events (its buffer overflowed): the next batch rebuilds everything.</summary>
    internal void LostEvents()
    {
        lock (_pending) _lostEvents = true;
        Schedule();
    }

    private void Schedule()
    {
        _activity();
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private void Flush()
    {
        string[] batch;
        bool everything;
        lock (_pending)
        {
            batch = [.. _pending.Order(StringComparer.Ordinal)];
            everything = _lostEvents;
            _pending.Clear();
            _lostEvents = false;
        }
        if (everything) _changed([]);
        else if (batch.Length > 0) _changed(batch);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _timer.Dispose();
    }
}
