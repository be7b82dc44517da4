using System.Collections.Immutable;

namespace Express.Site.Pipeline;

/// <summary>
/// A value of each item (a page, or a part made of one) that depends on the item alone. In the preview's next run an
/// item that is the same object at the same place (an unchanged page keeps its object from run to run) keeps its value
/// without being read (see <see cref="Projection"/>); the others, and every item of a one-off build, are asked.
/// </summary>
public sealed class PerItem<TItem, T>(Func<TItem, T> valueOf) where TItem : class
{
    private ImmutableArray<TItem> _items = [];
    private T[] _values = [];

    public T[] Of(ImmutableArray<TItem> items, BuildContext context)
    {
        var values = new T[items.Length];
        var stored = values.AsSpan();
        var asLast = items.Length == _items.Length;
        for (var i = 0; i < items.Length; i++) stored[i] = asLast && ReferenceEquals(items[i], _items[i]) ? _values[i] : valueOf(items[i]);
        (_items, _values) = context.RunsAgain ? (items, values) : ([], []);
        return values;
    }
}
