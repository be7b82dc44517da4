using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Yaml;

namespace Express.Site.Steps.Read;

/// <summary>Reads input/_data/*.yml; each file becomes a template variable named after the file.</summary>
public sealed class LoadDataFiles : IBuildStep
{
    public const string DataFolder = "_data";

    private readonly SourceFileCache _files = new();
    private Dictionary<SourceFile, YamlMap> _maps = new(ReferenceEqualityComparer.Instance);

    public string Name => "data";

    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Data };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var folder = Path.Combine(context.Options.InputDir, DataFolder);
        if (!Directory.Exists(context.Options.InputDir))
            throw new SiteException(new SourceLocation(context.Display(context.Options.InputDir)),
                "the input folder does not exist", "run the command from the project folder, or pass --input DIR");
        if (!Directory.Exists(folder)) return site;

        var files = FolderWalker.Files(folder, context, skip: relative => relative.Contains('/'), within: context.Options.InputDir)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .ToList();
        if (context.Diagnostics.HasErrors) return site;
        _files.Begin();
        var sources = context.Map(files, path => _files.Read(path, context));
        // An unchanged file keeps its map, so that what depends on the data can tell nothing changed.
        var parsed = sources.Select(source => (source, map: _maps.GetValueOrDefault(source) ?? Parse(source, context))).Where(p => p.map is not null).ToList();
        _maps = new Dictionary<SourceFile, YamlMap>(parsed.Select(p => KeyValuePair.Create(p.source, p.map!)), ReferenceEqualityComparer.Instance);
        var maps = parsed.Select(p => new KeyValuePair<string, YamlMap>(Path.GetFileNameWithoutExtension(p.source.FullPath), p.map!));
        var data = ImmutableDictionary.CreateRange(StringComparer.Ordinal, maps);
        return site with { Data = data, DataFiles = [.. parsed.Select(p => p.source)] };
    }

    private static YamlMap? Parse(SourceFile source, BuildContext context)
    {
        try
        {
            return YamlReader.ReadMap(source.Text, source.Path);
        }
        catch (SiteException e)
        {
            context.Report(e.Diagnostic);
            return null;
        }
    }

    public string Summarize(SiteState site) => $"{site.Data.Count} data files";
}
