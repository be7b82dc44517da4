using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Yaml;

namespace Express.Site.Steps.Read;

/// <summary>Reads input/_data/*.yml; each file becomes a template variable named after the file.</summary>
public sealed class LoadDataFiles : IBuildStep
{
    public const string DataFolder = "_data";

    public string Name => "data";

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
        var maps = context.Map(files, path =>
        {
            var source = TextFileReader.Read(path, context.Display(path));
            return (Source: source, Entry: new KeyValuePair<string, YamlMap>(Path.GetFileNameWithoutExtension(path), YamlReader.ReadMap(source.Text, source.Path)));
        });
        var data = ImmutableDictionary.CreateRange(StringComparer.Ordinal, maps.Select(m => m.Entry));
        return site with { Data = data, DataFiles = [.. maps.Select(m => m.Source)] };
    }

    public string Summarize(SiteState site) => $"{site.Data.Count} data files";
}
