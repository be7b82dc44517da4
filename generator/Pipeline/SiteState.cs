using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Templates;
using Express.Site.Yaml;

namespace Express.Site.Pipeline;

/// <summary>Everything the build knows at one point of the pipeline. Steps return a changed copy.</summary>
public sealed record SiteState
{
    /// <summary>input/_data/*.yml by file name ("site", "privacy", ...).</summary>
    public ImmutableDictionary<string, YamlMap> Data { get; init; } = ImmutableDictionary<string, YamlMap>.Empty;

    /// <summary>The data files as read, for finding where a piece of output was written.</summary>
    public ImmutableArray<SourceFile> DataFiles { get; init; } = [];

    public ImmutableArray<Page> Pages { get; init; } = [];

    /// <summary>Output files that are not pages: assets, static files, sitemap, robots.txt.</summary>
    public ImmutableArray<OutputFile> Files { get; init; } = [];

    public SiteSettings? Settings { get; init; }

    public PrivacyFacts? Privacy { get; init; }

    public AssetManifest Assets { get; init; } = AssetManifest.Empty;

    public TemplateLibrary? Templates { get; init; }

    public TemplateModel? Model { get; init; }

    /// <summary>site.yml, or an empty map when there is none.</summary>
    public YamlMap SiteConfig => Data.GetValueOrDefault("site") ?? new YamlMap(new SourceLocation("input/_data/site.yml"));

    /// <summary>Whether both states hold the same data files: the same objects, as an unchanged file keeps its map
    /// from run to run of one pipeline. The settings and the privacy facts are made from them.</summary>
    public bool SameDataAs(SiteState other) =>
        Data.Count == other.Data.Count && Data.All(d => ReferenceEquals(other.Data.GetValueOrDefault(d.Key), d.Value));

    public SiteSettings RequireSettings() => Settings ?? throw new InvalidOperationException("the site settings are not read yet");

    public TemplateLibrary RequireTemplates() => Templates ?? throw new InvalidOperationException("templates are not loaded yet");

    public TemplateModel RequireModel() => Model ?? throw new InvalidOperationException("the template model is not built yet");
}
