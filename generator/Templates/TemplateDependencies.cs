using Express.Site.Model;

namespace Express.Site.Templates;

/// <summary>
/// What rendering one page used, recorded as it happens: every layout and partial the renderer ran or the template
/// loader was asked for (so an include whose name is computed counts too), and every page list of <c>site</c> it read
/// (<c>site.pages</c>, <c>site.nav</c>, <c>site.collections</c>). A kept render holds while each of those is the
/// same; the rest of what templates see (data, settings, assets, the date) is compared once per run by the steps.
/// </summary>
public sealed class TemplateDependencies
{
    [ThreadStatic] private static TemplateDependencies? _recording;

    private readonly HashSet<TemplateSource> _templates = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _lists = new(StringComparer.Ordinal);
    private Dictionary<string, object>? _listStamps;

    public IEnumerable<string> TemplatePaths => _templates.Select(t => t.Path);

    public IEnumerable<string> Lists => _lists;

    /// <summary>Runs <paramref name="render"/> and records what it used.</summary>
    public static (T Result, TemplateDependencies Used) Record<T>(TemplateModel? model, Func<T> render)
    {
        var outer = _recording;
        var used = new TemplateDependencies();
        _recording = used;
        try
        {
            var result = render();
            // Without a model no template ran, so no list was read.
            used._listStamps = model is null ? [] : used._lists.ToDictionary(l => l, model.ListStamp, StringComparer.Ordinal);
            return (result, used);
        }
        finally
        {
            _recording = outer;
            if (outer is not null)
            {
                outer._templates.UnionWith(used._templates);
                outer._lists.UnionWith(used._lists);
            }
        }
    }

    /// <summary>Runs one step's work on a page and records what its templates used.</summary>
    public static RenderedPage RecordPage(TemplateModel? model, Func<Page> work)
    {
        var (page, used) = Record(model, work);
        return new RenderedPage(page, used);
    }

    /// <summary>Records, for the render running now, what a kept render used (<see cref="PartialCache"/>).</summary>
    internal static void Replay(TemplateDependencies used)
    {
        if (_recording is not { } recording) return;
        recording._templates.UnionWith(used._templates);
        recording._lists.UnionWith(used._lists);
    }

    internal static void UsedTemplate(TemplateSource? template)
    {
        if (template is not null) _recording?._templates.Add(template);
    }

    internal static void UsedList(string name) => _recording?._lists.Add(name);

    internal static void UsedAllLists()
    {
        if (_recording is { } recording) recording._lists.UnionWith(TemplateModel.ListNames);
    }

    /// <summary>Whether a render that used these would give the same result with this library and model.</summary>
    public bool StillHold(TemplateLibrary? library, TemplateModel? model)
    {
        // The library and the list stamps stay the same objects while nothing in them changed: checked once, then
        // known to hold, which keeps a preview's rebuild from looking up every page's templates again.
        var with = (library, model?.ListStamps);
        if (_heldWith is { } held && ReferenceEquals(held.Library, with.library) && ReferenceEquals(held.Stamps, with.ListStamps)) return true;
        var holds = _templates.All(t => ReferenceEquals(library?.ByPath(t.Path), t))
            && (_listStamps ?? []).All(l => ReferenceEquals(model?.ListStamp(l.Key), l.Value));
        if (holds) _heldWith = with;
        return holds;
    }

    // What the last check that held was made with (each kept render is checked by one thread at a time).
    private (TemplateLibrary? Library, object? Stamps)? _heldWith;
}

/// <summary>A page as a step left it, with what its templates used. A struct: a step's results are then one array of
/// both, and taking the pages from it reads no object per page.</summary>
public readonly record struct RenderedPage(Page Page, TemplateDependencies Used);
