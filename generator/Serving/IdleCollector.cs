namespace Express.Site.Serving;

/// <summary>
/// Collects the preview's garbage after a rebuild has published, while the editor looks at the page, so that the
/// runtime does not stop a later rebuild to do it. At 10,000 pages a rebuild allocates about 7 MB and the runtime
/// collected every 20 or so, inside the rebuild: 30–90 ms (the whole heap of the site's pages is looked through),
/// which made one save in 16 take 100 ms instead of 20. Collected here once the rebuilds since the last collection
/// allocated <see cref="Every"/> bytes, well before the runtime would.
/// </summary>
/// <param name="allocated">how many bytes the process has allocated (tests count their own).</param>
internal sealed class IdleCollector(Func<long>? allocated = null)
{
    public const long Every = 64L << 20;

    private readonly Func<long> _allocated = allocated ?? (() => GC.GetTotalAllocatedBytes());
    private long _collectedAt; // counted from the process's start: after a large site's first build, a collection is due

    /// <summary>Collects when due (a full, blocking collection: it resets every generation's budget).</summary>
    /// <returns>whether it collected.</returns>
    public bool AfterRebuild()
    {
        if (_allocated() - _collectedAt < Every) return false;
        GC.Collect();
        _collectedAt = _allocated();
        return true;
    }
}
