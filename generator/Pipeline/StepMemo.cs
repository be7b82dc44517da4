using System.Collections.Concurrent;
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
public sealed class StepMemo<TIn, TOut> where TIn : class
{
    private sealed record Entry(TOut Value, IReadOnlyList<Diagnostic> Reported);

    private ConcurrentDictionary<TIn, Entry> _previous = new(ReferenceEqualityComparer.Instance);
    private ConcurrentDictionary<TIn, Entry> _current = new(ReferenceEqualityComparer.Instance);
    private object? _shared;
    private int _misses;

    /// <summary>How many items the last run computed (the rest it reused).</summary>
    public int Misses => _misses;

    /// <summary>
    /// Starts a run. <paramref name="shared"/> is what every item's work depends on besides the item (compared with
    /// <see cref="object.Equals(object?, object?)"/>); when it differs from the last run's, nothing is reused.
    /// </summary>
    internal void Begin(object? shared)
    {
        var reusable = Equals(shared, _shared);
        _previous = reusable ? _current : new ConcurrentDictionary<TIn, Entry>(ReferenceEqualityComparer.Instance);
        _current = new ConcurrentDictionary<TIn, Entry>(ReferenceEqualityComparer.Instance);
        _shared = shared;
        _misses = 0;
    }

    internal bool TryReuse(TIn item, Func<TOut, bool>? isValid, out TOut value, out IReadOnlyList<Diagnostic> reported)
    {
        if (_previous.TryGetValue(item, out var entry) && (isValid is null || isValid(entry.Value)))
        {
            _current[item] = entry;
            (value, reported) = (entry.Value, entry.Reported);
            return true;
        }
        (value, reported) = (default!, []);
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Counts an item computed without looking for a kept result (a one-off build keeps none).</summary>
    internal void Missed() => Interlocked.Increment(ref _misses);

    internal void Keep(TIn item, TOut value, IReadOnlyList<Diagnostic> reported) => _current[item] = new Entry(value, reported);
}
