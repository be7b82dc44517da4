using System.Collections.Immutable;
using Express.Site.Model;

namespace Express.Site.Pipeline;

/// <summary>
/// A value of each page that depends on the page alone. In the preview's next run a page that is the same object at
/// the same place (an unchanged page keeps its object from run to run) keeps its value without being read (see
/// <see cref="Projection"/>); the others, and every page of a one-off build, are asked.
/// </summary>
public sealed class PerPage<T>(Func<Page, T> valueOf)
{
    private ImmutableArray<Page> _pages = [];
    private T[] _values = [];

    public T[] Of(ImmutableArray<Page> pages, BuildContext context)
    {
        var values = new T[pages.Length];
        var stored = values.AsSpan();
        var asLast = pages.Length == _pages.Length;
        for (var i = 0; i < pages.Length; i++) stored[i] = asLast && ReferenceEquals(pages[i], _pages[i]) ? _values[i] : valueOf(pages[i]);
        (_pages, _values) = context.RunsAgain ? (pages, values) : ([], []);
        return values;
    }
}
