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
    /// <summary>One item of a run with what was made of it and the diagnostics its work reported (null: none, or not
    /// kept). Structs in one array: storing one copies its references without the type check (a read of each object's
    /// header) that storing into an array of a reference type costs; over 10,000 pages per step that check was a fifth
    /// of a preview's rebuild.</summary>
    private struct Entry
    {
        public TIn? Item;
        public TOut Value;
        public IReadOnlyList<Diagnostic>? Reported;
        public int ReportedErrors;
    }

    // The last run's entries and this run's. The array of the run before the last is cleared and used again: at 10,000
    // items a new one is a large object in memory the process has not touched yet, a page fault every 4 KB.
    private Entry[] _previous = [], _current = [];
    private Dictionary<TIn, int>? _displaced;
    private object? _shared;
    private object?[]? _heldWith;
    private int _misses;

    /// <summary>How many items the last run computed (the rest it reused).</summary>
    public int Misses => _misses;

    /// <summary>
    /// Starts a run over <paramref name="count"/> items. <paramref name="shared"/> is what every item's work depends
    /// on besides the item (compared with <see cref="object.Equals(object?, object?)"/>); when it differs from the
    /// last run's, nothing is reused.
    /// </summary>
    /// <param name="heldWith">what the kept results' validity check reads besides each result (compared by identity):
    /// while all of it is the same as in the last run, every kept result still holds without asking each.</param>
    /// <returns>whether the kept results must be checked one by one.</returns>
    internal bool Begin(object? shared, int count, object?[]? heldWith = null)
    {
        var spare = _previous;
        _previous = Equals(shared, _shared) ? _current : [];
        if (spare.Length == count && !ReferenceEquals(spare, _previous)) Array.Clear(spare);
        else spare = new Entry[count];
        _current = spare;
        _displaced = null;
        _shared = shared;
        _misses = 0;
        // Every result of the last run was made or checked with what it had then.
        var sameAsLast = heldWith is not null && _heldWith is not null && heldWith.Length == _heldWith.Length
            && heldWith.Select((o, i) => ReferenceEquals(o, _heldWith[i])).All(same => same);
        _heldWith = heldWith;
        return !sameAsLast;
    }

    /// <summary>
    /// Puts the kept result of every item that has one that still holds into <paramref name="results"/> (marking it in
    /// <paramref name="kept"/>) and reports its diagnostics again; returns the positions of the items to work on.
    /// </summary>
    internal List<int> Reuse(ReadOnlySpan<TIn> items, Func<TOut, bool>? isValid, Span<TOut> results, Span<bool> kept, DiagnosticBag diagnostics)
    {
        var missing = new List<int>();
        var last = _previous;
        var current = _current;
        List<IReadOnlyList<Diagnostic>>? reported = null;
        var errors = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var at = i < last.Length && ReferenceEquals(last[i].Item, items[i]) ? i : Displaced(items, i);
            if (at < 0 || (isValid is not null && !isValid(last[at].Value)))
            {
                missing.Add(i);
                continue;
            }
            (results[i], kept[i]) = (last[at].Value, true);
            current[i] = last[at];
            if (last[at].Reported is { } again)
            {
                (reported ??= []).Add(again);
                errors += last[at].ReportedErrors;
            }
        }
        if (reported is not null) diagnostics.AddKept(reported, errors);
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
            var last = _previous;
            for (var i = 0; i < last.Length; i++)
                if (last[i].Item is { } item && (i >= items.Length || !ReferenceEquals(item, items[i])))
                    _displaced[item] = i;
        }
        return _displaced.GetValueOrDefault(items[index], -1);
    }

    /// <summary>Counts an item computed without looking for a kept result (a one-off build keeps none).</summary>
    internal void Missed() => Interlocked.Increment(ref _misses);

    internal void Keep(int index, TIn item, TOut value, IReadOnlyList<Diagnostic> reported) =>
        _current[index] = reported.Count == 0
            ? new Entry { Item = item, Value = value }
            : new Entry { Item = item, Value = value, Reported = reported, ReportedErrors = reported.Count(d => d.Severity == Severity.Error) };
}
