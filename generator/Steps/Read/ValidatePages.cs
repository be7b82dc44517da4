using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Yaml;
using static Express.Site.Model.FrontMatterValues;

namespace Express.Site.Steps.Read;

/// <summary>Checks the front matter keys the generator understands and turns them into <see cref="PageMeta"/>.</summary>
public sealed class ValidatePages : IBuildStep
{
    private readonly StepMemo<Page, Page> _memo = new();
    private readonly ThemeFrontMatterKeys _themeKeys = new();

    public string Name => "validate";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.FrontMatter, SitePart.Settings };
    public IReadOnlySet<SitePart> Makes { get; } = new HashSet<SitePart> { SitePart.Meta };

    public int WorkItems(SiteState site) => site.Pages.Length;

    public SiteState Run(SiteState site, BuildContext context)
    {
        var settings = site.RequireSettings();
        var themeKeys = _themeKeys.Read(context);
        var plainKeys = FrontMatterKeys.For(site.SiteConfig, null, themeKeys);
        var collectionKeys = settings.Collections.Values.ToDictionary(c => c.Name, c => FrontMatterKeys.For(site.SiteConfig, c, themeKeys));
        return site with
        {
            // A page's meta depends on it, on site.yml (collections, language) and on the keys the layouts declare.
            Pages = context.Map(site.Pages, _memo, (site.Data.GetValueOrDefault("site"), context.Options.InputDir, string.Join('\n', themeKeys)), page =>
            {
                var collection = CollectionConfig.For(Path.GetRelativePath(context.Options.InputDir, page.Source.FullPath).Replace('\\', '/'), settings.Collections);
                (collection is null ? plainKeys : collectionKeys[collection.Name]).Check(page.FrontMatter, context.Report);
                var meta = Validate(page.FrontMatter, collection, settings.Lang);
                if (meta.Description is null && meta.InSitemap) // pages kept out of search results need none
                    context.Report(Diagnostic.Warning(page.Source.At(1), "the page has no 'description'",
                        "add 'description: ...' (one or two sentences); search engines and link previews show it"));
                return page with { Meta = meta };
            }),
        };
    }

    public static PageMeta Validate(YamlMap fm, CollectionConfig? collection, string defaultLang)
    {
        var title = RequiredString(fm, "title", "The page title");
        foreach (var key in collection?.Required ?? [])
            if (fm.GetValueOrDefault(key) is null)
                throw new SiteException(fm.ContainsKey(key) ? fm.LocationOf(key) : fm.Location with { Column = 0 },
                    $"'{key}' is required for pages in '{collection!.Name}/'",
                    $"add '{key}: ...' to the front matter (site.yml's collections.{collection.Name}.required lists the keys)");

        foreach (var (key, allowed) in collection?.OneOf ?? new Dictionary<string, IReadOnlyList<string>>())
            if (OptionalString(fm, key) is { } value && !allowed.Contains(value, StringComparer.Ordinal))
                throw new SiteException(fm.LocationOf(key), $"'{key}: {value}' is not one of the values pages in '{collection!.Name}/' may have",
                    $"write one of: {string.Join(", ", allowed)} (site.yml's collections.{collection.Name}.one_of lists them)");
        foreach (var (key, earliestKey) in collection?.NotBefore ?? new Dictionary<string, string>())
            if (OptionalDate(fm, key) is { } late && OptionalDate(fm, earliestKey) is { } early && late < early)
                throw new SiteException(fm.LocationOf(key), $"'{key}' ({late:yyyy-MM-dd}) is before '{earliestKey}' ({early:yyyy-MM-dd})",
                    $"'{key}' must be on or after '{earliestKey}': check the year and the month");

        var permalink = OptionalString(fm, "permalink");
        if (permalink is not null && (!permalink.StartsWith('/') || permalink.Contains("..") || permalink.Contains('\\')))
            throw new SiteException(fm.LocationOf("permalink"), $"the permalink '{permalink}' must be a path on this site",
                "start it with '/', e.g. 'permalink: /about/'");

        var expires = OptionalDate(fm, "expires");
        if (expires is null && collection?.ExpiresFrom is { } expiresKey && OptionalDate(fm, expiresKey) is { } until)
            expires = until.TimeOfDay == TimeSpan.Zero ? until.AddDays(1) : until; // a date-only deadline lasts the whole day
        else if (expires is { } e && e.TimeOfDay == TimeSpan.Zero)
            expires = e.AddDays(1);

        return new PageMeta(
            Title: title,
            Description: OptionalString(fm, "description"),
            Layout: OptionalString(fm, "layout") ?? collection?.Layout,
            Lang: OptionalString(fm, "lang") ?? defaultLang,
            Date: OptionalDate(fm, "date"),
            Expires: expires,
            Draft: OptionalBool(fm, "draft", false),
            Nav: OptionalInt(fm, "nav"),
            Permalink: permalink,
            InSitemap: OptionalBool(fm, "sitemap", true) && !OptionalBool(fm, "noindex", false),
            Collection: collection?.Name);
    }
}
