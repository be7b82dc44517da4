using System.Collections.Immutable;
using System.Text;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Yaml;

namespace Express.Site.Steps.Render.Generated;

/// <summary>
/// Writes Netlify's _redirects: the rules of input/_redirects (checked, line by line), then one permanent redirect
/// per old address a page names in <c>aliases:</c> (after a rename), to the page's address. An alias must be a path on
/// this site that no published page or file has now: Netlify serves a file before any rule ("shadowing").
/// </summary>
public sealed class GenerateRedirects : IBuildStep
{
    public const string FileName = "_redirects";
    public const string AliasesKey = "aliases";

    public string Name => "redirects";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var input = site.Files.FirstOrDefault(f => f.OutputPath == FileName && f.CopyFrom is not null);
        var text = new StringBuilder();
        if (input is not null)
        {
            var own = File.ReadAllText(input.CopyFrom!);
            var problems = new List<Diagnostic>();
            NetlifyRedirects.ParseRedirectsFile(own, input.Origin.File, problems);
            foreach (var problem in problems) context.Report(problem);
            text.Append(own.EndsWith('\n') || own.Length == 0 ? own : own + "\n");
        }

        // Made only when a page has aliases: at 10,000 pages, a set of every address costs more than a preview's rebuild.
        var published = new Lazy<HashSet<string>>(() => site.Pages.Select(p => p.Url).Concat(site.Files.Select(f => "/" + f.OutputPath)).ToHashSet(StringComparer.Ordinal));
        var taken = new Dictionary<string, Page>(StringComparer.Ordinal);
        var aliases = new List<(string From, string To)>();
        foreach (var page in WithAliases(site.Pages, context))
        {
            var at = page.FrontMatter.LocationOf(AliasesKey);
            IReadOnlyList<string> list;
            try
            {
                list = page.FrontMatter.OptionalStringList(AliasesKey);
            }
            catch (SiteException e)
            {
                context.Report(e.Diagnostic);
                continue;
            }
            foreach (var alias in list)
            {
                if (!alias.StartsWith('/') || alias.StartsWith("//", StringComparison.Ordinal) || alias.Contains(' ') || alias.Contains('*') || alias.Contains(':'))
                    context.Report(Diagnostic.Error(at, $"the alias '{alias}' is not a path on this site",
                        "write the old address as a path, e.g. 'aliases: [/old-name/]'"));
                else if (published.Value.Contains(alias) || published.Value.Contains(alias.TrimEnd('/') + "/") || alias == page.Url)
                    context.Report(Diagnostic.Error(at, $"the alias '{alias}' is the address of a published page or file, so the redirect would never apply",
                        "an alias is an old address no page has any more: remove it, or move the page that has it"));
                else if (taken.TryGetValue(alias, out var other))
                    context.Report(Diagnostic.Error(at, $"the alias '{alias}' is also an alias of {other.Source.Path}", "keep it on one page only"));
                else
                {
                    taken[alias] = page;
                    aliases.Add((alias, page.Url));
                }
            }
        }
        if (aliases.Count > 0)
        {
            text.Append("# Old addresses of renamed pages (aliases: in their front matter)\n");
            foreach (var (from, to) in aliases.OrderBy(a => a.From, StringComparer.Ordinal)) text.Append($"{from} {to} 301\n");
        }
        if (input is null && aliases.Count == 0) return site;
        var file = OutputFile.Text(FileName, input?.Origin ?? new SourceLocation("(generated)"), text.ToString());
        return site with { Files = [.. site.Files.Where(f => f.OutputPath != FileName), file] };
    }

    // Whether each page has aliases: the preview's next run looks only at the pages that changed.
    private readonly PerItem<Page, bool> _hasAliases = new(page => page.FrontMatter.ContainsKey(AliasesKey));
    private int _withAliases;

    private List<Page> WithAliases(ImmutableArray<Page> pages, BuildContext context)
    {
        var hasAliases = _hasAliases.Of(pages, context);
        var result = pages.Where((_, i) => hasAliases[i]).ToList();
        _withAliases = result.Count;
        return result;
    }

    public string Summarize(SiteState site) => $"{_withAliases} page(s) with aliases";
}
