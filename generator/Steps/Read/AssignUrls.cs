using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// Gives each page its pretty URL ("kontakt.md" -> "/kontakt/", "stillinger/index.md" -> "/stillinger/"),
/// or its 'permalink', and fails when two outputs would land on the same path.
/// </summary>
public sealed class AssignUrls : IBuildStep
{
    private readonly StepMemo<Page, Page> _memo = new();

    public string Name => "urls";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Meta };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Urls };

    public SiteState Run(SiteState site, BuildContext context)
    {
        var pages = context.Map(site.Pages, _memo, context.Options.InputDir, page =>
        {
            var url = page.RequireMeta().Permalink is { } permalink
                ? Normalize(permalink)
                : UrlFor(Path.GetRelativePath(context.Options.InputDir, page.Source.FullPath).Replace('\\', '/'));
            return page with { Url = url, OutputPath = OutputPathFor(url) };
        });

        // The preview's next run: when every output path is the one the last run found no clash in, there is none.
        string[] outputs = [.. _outputPaths.Of(pages, context), .. site.Files.Select(f => f.OutputPath)];
        if (outputs.AsSpan().SequenceEqual(_clashFree)) return site with { Pages = pages };
        var claimed = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var (outputPath, origin, at) in pages.Select(p => (p.OutputPath, p.Source.At(), PermalinkLocation(p)))
                     .Concat(site.Files.Select(f => (f.OutputPath, f.Origin, f.Origin))))
        {
            if (claimed.TryGetValue(outputPath, out var first))
                context.Report(Diagnostic.Error(at, $"two files would be published at the same URL /{outputPath}: {first.File} and {origin.File}",
                    "give one of them another file name, or a different 'permalink' in its front matter"));
            else
                claimed[outputPath] = origin;
        }
        _clashFree = context.RunsAgain && !context.Diagnostics.HasErrors ? outputs : [];
        return site with { Pages = pages };
    }

    private string[] _clashFree = [];

    // A page the last run had at the same place (the same object) has the same path: not read again.
    private readonly PerItem<Page, string> _outputPaths = new(page => page.OutputPath);

    public string Summarize(SiteState site) => $"{site.Pages.Length} URLs";

    /// <summary>"kontakt.md" -> "/kontakt/", "index.md" -> "/", "stillinger/index.md" -> "/stillinger/".</summary>
    public static string UrlFor(string pathInInput)
    {
        var withoutExtension = pathInInput[..^Path.GetExtension(pathInInput).Length];
        if (withoutExtension == "index") return "/";
        if (withoutExtension.EndsWith("/index", StringComparison.Ordinal)) withoutExtension = withoutExtension[..^"index".Length];
        return Normalize("/" + withoutExtension.ToLowerInvariant().Replace(' ', '-'));
    }

    /// <summary>Adds the trailing slash of a pretty URL unless the path names a file ("/404.html").</summary>
    public static string Normalize(string url) =>
        url.EndsWith('/') || Path.HasExtension(url) ? url : url + "/";

    /// <summary>"/kontakt/" -> "kontakt/index.html", "/404.html" -> "404.html".</summary>
    public static string OutputPathFor(string url) =>
        url.EndsWith('/') ? url[1..] + "index.html" : url[1..];

    private static SourceLocation PermalinkLocation(Page page) =>
        page.FrontMatter.ContainsKey("permalink") ? page.FrontMatter.LocationOf("permalink") : page.Source.At(1);
}
