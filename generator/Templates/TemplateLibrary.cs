using Scriban;

namespace Express.Site.Templates;

/// <summary>The theme's layouts (layouts/NAME.html) and partials (partials/NAME.html), parsed once.</summary>
public sealed class TemplateLibrary
{
    private readonly IReadOnlyDictionary<string, TemplateSource> _layouts;
    private readonly IReadOnlyDictionary<string, TemplateSource> _partials;
    private readonly IReadOnlyDictionary<string, TemplateSource> _byPath;

    public TemplateLibrary(IEnumerable<TemplateSource> layouts, IEnumerable<TemplateSource> partials)
    {
        _layouts = layouts.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _partials = partials.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _byPath = _layouts.Values.Concat(_partials.Values).ToDictionary(t => t.Path, StringComparer.Ordinal);
    }

    /// <summary>Whether the library holds exactly these template objects.</summary>
    public bool Consists(IReadOnlyCollection<TemplateSource> layouts, IReadOnlyCollection<TemplateSource> partials) =>
        layouts.Count == _layouts.Count && partials.Count == _partials.Count
        && layouts.All(t => ReferenceEquals(_layouts.GetValueOrDefault(t.Name), t)) && partials.All(t => ReferenceEquals(_partials.GetValueOrDefault(t.Name), t));

    public IEnumerable<string> LayoutNames => _layouts.Keys.Order(StringComparer.Ordinal);

    public TemplateSource? Layout(string name) => _layouts.GetValueOrDefault(name);

    public TemplateSource? Partial(string name) => _partials.GetValueOrDefault(name);

    public IEnumerable<TemplateSource> Partials => _partials.Values;

    /// <summary>All template files, for finding where a piece of output came from.</summary>
    public IEnumerable<TemplateSource> All => _layouts.Values.Concat(_partials.Values);

    public int LineOffsetOf(string path) => _byPath.GetValueOrDefault(path)?.LineOffset ?? 0;

    /// <summary>The layout or partial read from the file with this path (e.g. "themes/express/partials/footer.html").</summary>
    public TemplateSource? ByPath(string path) => _byPath.GetValueOrDefault(path);
}
