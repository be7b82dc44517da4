using System.Collections.Immutable;
using Express.Site.Model;

namespace Express.Site.Pipeline;

/// <summary>
/// For a site-wide check that reports only errors: which pages it must look at again. In the preview's next run,
/// those whose part (their scan, their front matter) is not the object the last run found nothing wrong in, at the
/// same place; an unchanged page keeps its objects from run to run. After a run that found something, after a
/// one-off build, or when pages were added or removed: every page.
/// </summary>
public sealed class CleanParts<TPart>(Func<Page, TPart> partOf) where TPart : class
{
    private readonly PerItem<Page, TPart> _parts = new(partOf);
    private TPart[] _clean = [], _checking = [];

    public List<Page> ToCheck(ImmutableArray<Page> pages, BuildContext context)
    {
        _checking = _parts.Of(pages, context);
        if (pages.Length != _clean.Length) return [.. pages];
        var check = new List<Page>();
        for (var i = 0; i < pages.Length; i++)
            if (!ReferenceEquals(_checking[i], _clean[i])) check.Add(pages[i]);
        return check;
    }

    /// <summary>Remembers the pages as clean when the check reported no error and the pipeline runs again.</summary>
    public void Finish(BuildContext context) =>
        _clean = context.RunsAgain && !context.Diagnostics.HasErrors ? _checking : [];
}
