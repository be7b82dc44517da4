namespace Express.Site.Serving;

/// <summary>
/// Watches folders for changes and reports them in batches: a burst of saves (an editor writing a temporary file,
/// then renaming it) becomes one batch once the folders have been quiet for <see cref="Quiet"/>.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private readonly Action<IReadOnlyList<string>> _changed;

    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(40);

    public SiteWatcher(IEnumerable<string> folders, Action<IReadOnlyList<string>> changed)
    {
        _changed = changed;
        _timer = new Timer(_ => Flush());
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, e) => Add(e.FullPath);
            watcher.Created += (_, e) => Add(e.FullPath);
            watcher.Deleted += (_, e) => Add(e.FullPath);
            watcher.Renamed += (_, e) => { Add(e.OldFullPath); Add(e.FullPath); };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Add(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal)) return; // editors' temporary files
        lock (_pending) _pending.Add(path);
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private void Flush()
    {
        string[] batch;
        lock (_pending)
        {
            batch = [.. _pending.Order(StringComparer.Ordinal)];
            _pending.Clear();
        }
        if (batch.Length > 0) _changed(batch);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _timer.Dispose();
    }
}
