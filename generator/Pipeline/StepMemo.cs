using Express.Site.Core;

namespace Express.Site.Pipeline;

/// <summary>
/// What a per-item step computed in the previous run of the same pipeline, so that the preview's next run (the same
/// pipeline over a set of changed inputs) reuses it instead of computing it again. An entry is found by the identity
/// of its input: an unchanged file keeps its object from run to run, and so does everything a step makes from it
/// while every step before reused its result. An entry also keeps the warnings the work reported, to report them
/// again, and is used only while <c>isValid</c> says what it was made with is still the same. Only work that
/// succeeded is kept; a failed run leaves nothing wrong behind, because every entry is checked when it is used.
/// </summary>
/// <remarks>
/// Entries are kept in the order of the last run's items and looked up at the same position first: after an edit
/// almost every item is where it was, so a run over 10,000 pages costs a comparison per page instead of a hash
/// table per run. The entries whose place now holds another item (moved, replaced or removed) are indexed by item
/// when the run begins, so an item that moved (after a page was added or removed) is still found.
/// </remarks>
public sealed class StepMemo<TIn, TOut> where TIn : class
{
    private sealed record Entry(TIn Item, TOut Value, IReadOnlyList<Diagnostic> Reported);

    private Entry?[] _previous = [];
    private Entry?[] _current = [];
    private Dictionary<TIn, Entry> _displaced = new(ReferenceEqualityComparer.Instance);
    private object? _shared;
    private int _misses;

    /// <summary>How many items the last run computed (the rest it reused).</summary>
    public int Misses => _misses;

    /// <summary>
    /// Starts a run over <paramref name="items"/>. <paramref name="shared"/> is what every item's work depends on
    /// besides the item (compared with <see cref="object.Equals(object?, object?)"/>); when it differs from the last
    /// run's, nothing is reused.
    /// </summary>
    internal void Begin(object? shared, IReadOnlyList<TIn> items)
    {
        _previous = Equals(shared, _shared) ? _current : [];
        _current = new Entry?[items.Count];
        _displaced = new Dictionary<TIn, Entry>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _previous.Length; i++)
            if (_previous[i] is { } entry && (i >= items.Count || !ReferenceEquals(entry.Item, items[i])))
                _displaced[entry.Item] = entry;
        _shared = shared;
        _misses = 0;
    }

    /// <summary>The kept result for the item at <paramref name="index"/> of this run, when there is one that still holds.</summary>
    internal bool TryReuse(int index, TIn item, Func<TOut, bool>? isValid, out TOut value, out IReadOnlyList<Diagnostic> reported)
    {
        var entry = index < _previous.Length && _previous[index] is { } there && ReferenceEquals(there.Item, item) ? there : _displaced.GetValueOrDefault(item);
        if (entry is not null && (isValid is null || isValid(entry.Value)))
        {
            _current[index] = entry;
            (value, reported) = (entry.Value, entry.Reported);
            return true;
        }
        (value, reported) = (default!, []);
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Counts an item computed without looking for a kept result (a one-off build keeps none).</summary>
    internal void Missed() => Interlocked.Increment(ref _misses);

    internal void Keep(int index, TIn item, TOut value, IReadOnlyList<Diagnostic> reported) => _current[index] = new Entry(item, value, reported);
}
