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
/// Kept in the order of the last run's items and looked up at the same position first: after an edit almost every
/// item is where it was, so a run over 10,000 pages costs a comparison per page, not a hash table per run. When an
/// item is not at its place (a page was added or removed before it), the last run's items whose place now holds
/// another item are indexed once, so an item that moved is still found.
/// </remarks>
public sealed class StepMemo<TIn, TOut> where TIn : class
{
    /// <summary>One run's items with what was made of each and the diagnostics its work reported (null: none, or not kept).</summary>
    private sealed class Run(int count)
    {
        public readonly TIn?[] Items = new TIn?[count];
        public readonly TOut[] Values = new TOut[count];
        public readonly IReadOnlyList<Diagnostic>?[] Reported = new IReadOnlyList<Diagnostic>?[count];
    }

    private Run _previous = new(0), _current = new(0);
    private Dictionary<TIn, int>? _displaced;
    private object? _shared;
    private int _misses;

    /// <summary>How many items the last run computed (the rest it reused).</summary>
    public int Misses => _misses;

    /// <summary>
    /// Starts a run over <paramref name="count"/> items. <paramref name="shared"/> is what every item's work depends
    /// on besides the item (compared with <see cref="object.Equals(object?, object?)"/>); when it differs from the
    /// last run's, nothing is reused.
    /// </summary>
    internal void Begin(object? shared, int count)
    {
        _previous = Equals(shared, _shared) ? _current : new Run(0);
        _current = new Run(count);
        _displaced = null;
        _shared = shared;
        _misses = 0;
    }

    /// <summary>
    /// Puts the kept result of every item that has one that still holds into <paramref name="results"/> (marking it in
    /// <paramref name="kept"/>) and reports its diagnostics again; returns the positions of the items to work on.
    /// </summary>
    internal List<int> Reuse(ReadOnlySpan<TIn> items, Func<TOut, bool>? isValid, TOut[] results, bool[] kept, DiagnosticBag diagnostics)
    {
        var missing = new List<int>();
        var last = _previous;
        for (var i = 0; i < items.Length; i++)
        {
            var at = i < last.Items.Length && ReferenceEquals(last.Items[i], items[i]) ? i : Displaced(items, i);
            if (at < 0 || (isValid is not null && !isValid(last.Values[at])))
            {
                missing.Add(i);
                continue;
            }
            (results[i], kept[i]) = (last.Values[at], true);
            (_current.Items[i], _current.Values[i], _current.Reported[i]) = (items[i], last.Values[at], last.Reported[at]);
            if (last.Reported[at] is { } reported)
                foreach (var diagnostic in reported) diagnostics.Add(diagnostic);
        }
        _misses = missing.Count;
        return missing;
    }

    /// <summary>Where an item that is not at its place in the last run was (-1: nowhere). The last run's items whose
    /// place now holds another item are indexed the first time one is asked for.</summary>
    private int Displaced(ReadOnlySpan<TIn> items, int index)
    {
        if (_displaced is null)
        {
            _displaced = new Dictionary<TIn, int>(ReferenceEqualityComparer.Instance);
            var last = _previous.Items;
            for (var i = 0; i < last.Length; i++)
                if (last[i] is { } item && (i >= items.Length || !ReferenceEquals(item, items[i])))
                    _displaced[item] = i;
        }
        return _displaced.GetValueOrDefault(items[index], -1);
    }

    /// <summary>Counts an item computed without looking for a kept result (a one-off build keeps none).</summary>
    internal void Missed() => Interlocked.Increment(ref _misses);

    internal void Keep(int index, TIn item, TOut value, IReadOnlyList<Diagnostic> reported) =>
        (_current.Items[index], _current.Values[index], _current.Reported[index]) = (item, value, reported.Count > 0 ? reported : null);
}
