using Express.Site.Core;
using Express.Site.Steps.FrontMatter;
using Express.Site.Steps.Read;
using Express.Site.Steps.Validate;
using Scriban;

namespace Express.Site.Steps.Templates;

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

    public IEnumerable<string> LayoutNames => _layouts.Keys.Order(StringComparer.Ordinal);

    public TemplateSource? Layout(string name) => _layouts.GetValueOrDefault(name);

    public TemplateSource? Partial(string name) => _partials.GetValueOrDefault(name);

    public IEnumerable<TemplateSource> Partials => _partials.Values;

    /// <summary>All template files, for finding where a piece of output came from.</summary>
    public IEnumerable<TemplateSource> All => _layouts.Values.Concat(_partials.Values);

    public int LineOffsetOf(string path) => _byPath.GetValueOrDefault(path)?.LineOffset ?? 0;

    /// <summary>The layout or partial read from the file with this path (e.g. "themes/express/partials/footer.html").</summary>
    public TemplateSource? ByPath(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>Parses one template file; a layout may name its parent layout in YAML front matter ('layout: base').</summary>
    public static TemplateSource Parse(SourceFile file, string name)
    {
        var split = SplitFrontMatter.Split(new Page(file));
        var parent = FrontMatterValues.OptionalString(split.FrontMatter, "layout");
        var lineOffset = split.BodyLine - 1;
        var template = Template.Parse(split.Body, file.Path);
        if (template.HasErrors)
            throw TemplateErrors.FromParse(template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error), path => path == file.Path ? lineOffset : 0);
        return new TemplateSource(name, file, template, lineOffset, parent, split.FrontMatter.LocationOf("layout"));
    }
}
