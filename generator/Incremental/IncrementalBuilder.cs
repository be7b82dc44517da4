using System.Text;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Consent;
using Express.Site.Steps.Privacy;
using Express.Site.Steps.Templates;

namespace Express.Site.Incremental;

/// <summary>
/// Builds the site for the preview, again and again. The first build, and any change it cannot narrow down (data
/// files, the privacy data, theme assets, new, renamed or deleted files), runs the whole pipeline. An edited page
/// or template renders only the pages it affects (see <see cref="DependencyGraph"/>), then the site-wide checks and
/// generated files run as in a full build, and only the files that changed are written, each atomically, after the
/// leak audit has read them. A failed rebuild changes nothing: the next one starts from the last good site.
/// </summary>
public sealed class IncrementalBuilder(BuildOptions options, DateTime? fixedDate)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private Snapshot? _last;

    /// <summary>The last good build: its pages before rendering, after rendering, and the finished site.</summary>
    private sealed record Snapshot(SiteState Prepared, SiteState Rendered, SiteState Final, DependencyGraph Graph);

    /// <summary>A changed file the preview can handle without a full build.</summary>
    private enum Kind { Page, Template }

    /// <returns>how many pages were rendered.</returns>
    /// <exception cref="BuildFailedException">with the errors; the output and the last good build stay as they were.</exception>
    /// <exception cref="OperationCanceledException">when <paramref name="cancellation"/> stopped it; nothing was written then.</exception>
    public int Rebuild(IReadOnlyList<string> changed, CancellationToken cancellation = default)
    {
        var now = options with { Now = fixedDate ?? DateTime.UtcNow };
        if (_last is null || changed.Count == 0 || Classify(changed, _last) is not { } edits) return Full(now, cancellation);
        return Incremental(now, _last, edits, cancellation);
    }

    private int Full(BuildOptions now, CancellationToken cancellation)
    {
        SiteState? prepared = null, rendered = null;
        var (site, _) = SiteBuilder.Build(now, cancellation: cancellation, afterStep: (step, state) =>
        {
            if (step is Steps.Urls.AssignUrls) prepared = state;
            if (step is Steps.Html.PostProcessHtml) rendered = state;
        });
        _last = new Snapshot(prepared!, rendered!, site, DependencyGraph.Build(prepared!.Pages, rendered!.RequireTemplates()));
        return site.Pages.Length;
    }

    /// <summary>Sorts the changed files into edited pages and templates; null when one of them needs a full build.</summary>
    private List<(Kind Kind, string Path)>? Classify(IReadOnlyList<string> changed, Snapshot last)
    {
        var pages = last.Prepared.Pages.Select(p => p.Source.FullPath).ToHashSet(StringComparer.Ordinal);
        var templates = last.Rendered.RequireTemplates().All.Select(t => t.File.FullPath).ToHashSet(StringComparer.Ordinal);
        var edits = new List<(Kind, string)>();
        foreach (var path in changed.Distinct())
        {
            if (!File.Exists(path)) return null; // deleted or renamed away, or a folder
            if (pages.Contains(path)) edits.Add((Kind.Page, path));
            else if (templates.Contains(path)) edits.Add((Kind.Template, path));
            else return null; // new files, data, assets, static files
        }
        return edits;
    }

    private int Incremental(BuildOptions now, Snapshot last, List<(Kind Kind, string Path)> edits, CancellationToken cancellation)
    {
        var context = new BuildContext(now, IBuildReporter.Silent, cancellation);
        var prepared = last.Prepared;
        var rendered = last.Rendered;
        var affected = new HashSet<string>(StringComparer.Ordinal);
        var frontMatterChanged = false;

        foreach (var (_, path) in edits.Where(e => e.Kind == Kind.Page))
        {
            var index = 0;
            while (prepared.Pages[index].Source.FullPath != path) index++;
            var before = prepared.Pages[index];
            var source = Steps.Read.TextFileReader.Read(path, now.Display(path));
            if (source.Text == before.Source.Text) continue;
            var read = new BuildPipeline(SiteBuilder.PageReadSteps()).Run(context, prepared with { Pages = [new Page(source)] });
            // No longer published, or at another address: other pages' links and lists change too.
            if (read.Pages.Length != 1 || read.Pages[0].Url != before.Url) return Full(now, cancellation);
            var after = read.Pages[0];
            prepared = prepared with { Pages = prepared.Pages.SetItem(index, after) };
            affected.Add(after.Source.Path);
            if (FrontMatterText(before) != FrontMatterText(after))
            {
                frontMatterChanged = true;
                affected.UnionWith(last.Graph.AffectedByFrontMatter(before.RequireMeta(), after.RequireMeta()));
            }
        }
        if (edits.Any(e => e.Kind == Kind.Template))
        {
            rendered = new BuildPipeline([new LoadTemplates()]).Run(context, rendered);
            foreach (var (_, path) in edits.Where(e => e.Kind == Kind.Template))
            {
                var users = last.Graph.PagesUsingTemplate(now.Display(path)).ToList();
                if (users.Count == 0) return Full(now, cancellation); // rendered apart from pages (the privacy center), or unknown use
                affected.UnionWith(users);
            }
        }
        if (frontMatterChanged)
        {
            rendered = new BuildTemplateModel().Run(rendered with { Pages = prepared.Pages }, context);
            RenderConsentCenter.KeepUrls(last.Rendered, rendered);
        }
        if (affected.Count == 0) return 0;

        var toRender = prepared.Pages.Where(p => affected.Contains(p.Source.Path)).ToList();
        var fresh = new BuildPipeline(SiteBuilder.RenderSteps()).Run(context, rendered with { Pages = [.. toRender] }).Pages
            .ToDictionary(p => p.Source.Path, StringComparer.Ordinal);
        rendered = rendered with { Pages = [.. last.Rendered.Pages.Select(p => fresh.GetValueOrDefault(p.Source.Path) ?? p)] };
        var final = new BuildPipeline(SiteBuilder.FinishSteps()).Run(context, rendered);

        cancellation.ThrowIfCancellationRequested(); // the last moment: after this the output changes
        Write(now, fresh.Values, final, last.Final, rendered);
        _last = new Snapshot(prepared, rendered, final, DependencyGraph.Build(prepared.Pages, rendered.RequireTemplates()));
        return fresh.Count;
    }

    /// <summary>Audits, then writes the rendered pages and the generated files that changed; nothing is written when the audit finds a leak.</summary>
    private static void Write(BuildOptions now, IEnumerable<Page> pages, SiteState final, SiteState previous, SiteState rendered)
    {
        var audit = new StaticLeakAudit(rendered.Privacy?.Data, rendered.RequireSettings().BaseUri.Host);
        var output = now.Display(now.OutputDir);
        var writes = pages.Select(p => (p.OutputPath, Text: p.Html)).ToList();
        var before = previous.Files.Where(f => f.Content is not null).ToDictionary(f => f.OutputPath, f => f.Content, StringComparer.Ordinal);
        writes.AddRange(final.Files.Where(f => f.Content is not null && before.GetValueOrDefault(f.OutputPath) != f.Content).Select(f => (f.OutputPath, Text: f.Content!)));

        var findings = writes.Where(w => StaticLeakAudit.IsDocument(w.OutputPath))
            .SelectMany(w => audit.AuditDocument(w.Text, w.OutputPath).Select(leak => Diagnostic.Error(new SourceLocation($"{output}/{w.OutputPath}", leak.Line), $"leak: {leak.What}"))).ToList();
        if (findings.Count > 0) throw new BuildFailedException(findings);
        foreach (var (path, text) in writes)
        {
            var target = Path.Combine(now.OutputDir, path);
            var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, text, Utf8);
            File.Move(temporary, target, overwrite: true);
        }
    }

    private static string FrontMatterText(Page page) =>
        string.Join('\n', page.Source.Text.Split('\n').Take(Math.Max(page.BodyLine - 1, 0)));
}
