using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Steps.Read;
using Express.Site.Templates;
using Scriban;

namespace Express.Site.Steps.Prepare;

/// <summary>Reads and parses every layout and partial of the theme, and checks that layout chains end.</summary>
public sealed class LoadTemplates : IBuildStep
{
    private readonly SourceFileCache _files = new();
    private readonly StepMemo<SourceFile, TemplateSource> _layouts = new(), _partials = new();

    public string Name => "templates";

    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Templates };

    private TemplateLibrary? _library;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var theme = context.Options.ThemeDir;
        if (!Directory.Exists(theme))
            throw new SiteException(new SourceLocation(context.Display(theme)), "the theme folder does not exist",
                "pass the theme folder with --theme DIR (default themes/express)");
        _files.Begin();
        var layouts = Load(Path.Combine(theme, "layouts"), _layouts, context);
        var partials = Load(Path.Combine(theme, "partials"), _partials, context);
        // The same templates keep the same library, so a kept render can tell at once that its templates still hold.
        var library = _library is { } last && last.Consists(layouts, partials) ? last : new TemplateLibrary(layouts, partials);
        if (context.Diagnostics.HasErrors) return site; // a layout that did not parse would look like a missing parent
        foreach (var layout in layouts) CheckChain(layout, library);
        _library = context.RunsAgain ? library : null;
        return site with { Templates = library };
    }

    public string Summarize(SiteState site) =>
        $"{site.RequireTemplates().LayoutNames.Count()} layouts, {site.RequireTemplates().Partials.Count()} partials";

    /// <summary>Reads and parses the templates of one folder; an unchanged file keeps its parsed template, so that
    /// pages rendered with it can be reused.</summary>
    private IReadOnlyList<TemplateSource> Load(string folder, StepMemo<SourceFile, TemplateSource> parsed, BuildContext context)
    {
        if (!Directory.Exists(folder)) return [];
        var files = FolderWalker.Files(folder, context, skip: relative => Path.GetFileName(relative).StartsWith('.'), within: context.Options.ThemeDir)
            .Where(path => path.EndsWith(".html", StringComparison.Ordinal)).ToList();
        var sources = context.Map(files, path => _files.Read(path, context));
        return context.Map(sources, parsed, shared: folder, source =>
            Parse(source, Path.GetRelativePath(folder, source.FullPath).Replace('\\', '/')[..^".html".Length]));
    }

    /// <summary>Parses one template file; a layout may name its parent layout in YAML front matter ('layout: base').</summary>
    private static TemplateSource Parse(SourceFile file, string name)
    {
        var split = SplitFrontMatter.Split(new Page(file));
        var parent = FrontMatterValues.OptionalString(split.FrontMatter, "layout");
        var lineOffset = split.BodyLine - 1;
        var template = Template.Parse(split.Body.ToString(), file.Path);
        if (template.HasErrors)
            throw TemplateErrors.FromParse(template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error), path => path == file.Path ? lineOffset : 0);
        return new TemplateSource(name, file, template, lineOffset, parent, split.FrontMatter.LocationOf("layout"));
    }

    private static void CheckChain(TemplateSource layout, TemplateLibrary library)
    {
        var seen = new List<string> { layout.Name };
        for (var current = layout; current.Parent is { } parent; current = library.Layout(parent)!)
        {
            if (library.Layout(parent) is null)
                throw new SiteException(current.ParentLocation, $"unknown layout '{parent}'",
                    $"use one of: {string.Join(", ", library.LayoutNames)} (files in the theme's layouts/ folder)");
            if (seen.Contains(parent))
                throw new SiteException(current.ParentLocation, $"the layouts form a loop: {string.Join(" -> ", seen)} -> {parent}",
                    "the outermost layout (usually 'base') must not name a parent layout");
            seen.Add(parent);
        }
    }
}
