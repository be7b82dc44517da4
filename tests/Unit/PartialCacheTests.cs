using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Render;
using Express.Site.Templates;
using Express.Site.Tests.Support;
using Scriban;
using Scriban.Runtime;

namespace Express.Site.Tests.Unit;

/// <summary>
/// A partial's render is kept for the next page only when nothing but the page's members it reads and the shared,
/// read-only values can change it (<see cref="PartialCache"/>): the pages come out the same with and without it.
/// </summary>
public sealed class PartialCacheTests
{
    [Fact]
    public void Every_page_of_the_real_site_comes_out_the_same_with_kept_partials_as_rendered_each_time()
    {
        var before = SiteBeforeLayouts(Path.Combine(Paths.Repository, "input"), Path.Combine(Paths.Repository, "themes", "express"));
        var kept = new ApplyLayouts();
        var context = Contexts.OneOff();

        var withCache = kept.Run(before, context);
        var without = new ApplyLayouts(keepPartials: false).Run(before, context);

        Assert.Equal(without.Pages.Select(p => (p.Url, p.Html)), withCache.Pages.Select(p => (p.Url, p.Html)));
        // The banner, the tags and the footer on every page after the first of its language.
        Assert.True(kept.KeptIncludes >= 3 * (before.Pages.Length - 2), $"only {kept.KeptIncludes} includes were kept renders");
    }

    [Fact]
    public void The_real_themes_shared_partials_are_kept_and_one_that_reads_the_callers_variables_is_not()
    {
        var before = SiteBeforeLayouts(Path.Combine(Paths.Repository, "input"), Path.Combine(Paths.Repository, "themes", "express"));
        var cache = new PartialCache(before.RequireTemplates(), before.RequireModel().Globals);

        Assert.True(cache.Keeps("footer") & cache.Keeps("tagger") & cache.Keeps("consent"), string.Join("; ", cache.NotKept.Select(n => $"{n.Key}: {n.Value}")));
        Assert.False(cache.Keeps("job-card")); // reads job and job_heading, which home.html and jobs.html set
    }

    public static TheoryData<string, string, string> NotKept() => new()
    {
        { "reads a variable of the template that includes it", "{{ heading }}", "reads heading" },
        { "reads content", "{{ content }}", "reads content" },
        { "reads page as a whole", "{{ page | object.size }}", "reads page" },
        { "reads a page member by a computed name", "{{ page[\"title\"] }}", "page[...]" },
        { "reads a builtin that is not known to be pure", "{{ date.now | date.to_string '%Y' }}", "date.now" },
        { "calls a builtin that is not on the list", "{{ object.eval_template '{{ 1 }}' }}", "the function object.eval_template" },
        { "includes a partial by a computed name", "{{ include site.title }}", "an include by a computed name" },
        { "hides a shared name", "{{ site = 1 }}{{ site }}", "sets site" },
        { "reads a name it may not have set", "{{ if page.title; x = 1; end }}{{ x }}", "reads x" },
        { "adds to a name the including template set", "{{ x += 1 }}{{ x }}", "reads x" },
        { "sets a name the layout reads", "{{ mark = page.title }}", "sets mark, which another template mentions" },
        { "uses a local variable", "{{ $x = 1 }}{{ $x }}", "ScriptAssignExpression" },
        { "defines a function", "{{ func f; ret 1; end }}{{ f }}", "ScriptFunction" },
        { "captures text", "{{ capture x }}a{{ end }}{{ x }}", "ScriptCaptureStatement" },
        { "includes itself", "{{ if page.title == 'x' }}{{ include 'part' }}{{ end }}", "includes part again" },
        { "includes a partial that is not kept", "{{ include 'other' }}", "reads heading" },
        { "copies a builtin, whose functions it can then call unseen", "{{ d = date }}{{ d.now }}", "uses date as a value" },
        { "indexes a builtin", "{{ date[\"now\"] }}", "uses date as a value" },
        { "reaches a builtin through brackets", "{{ (math).uuid }}", "uses math as a value" },
        { "passes a function on with @", "{{ site.list | array.join '' @include }}", "ScriptUnaryExpression" },
        { "pipes a value into include, which names the partial", "{{ page.title | include 'plain' }}", "an include by a computed name" },
        { "loops with tablerow, which is not for", "{{ tablerow i in site.list }}{{ i }}{{ end }}", "ScriptTableRowStatement" },
        { "hides a builtin with a loop variable", "{{ for html in site.list }}{{ html | html.escape }}{{ end }}", "html hides a shared name" },
    };

    [Theory]
    [MemberData(nameof(NotKept))]
    public void A_partial_whose_output_can_depend_on_more_is_not_kept(string what, string text, string reason)
    {
        var cache = CacheFor(text);
        Assert.False(cache.Keeps("part"), what);
        Assert.Contains(reason, cache.NotKept["part"]);
    }

    [Fact]
    public void A_partial_of_shared_values_page_members_pure_functions_and_its_own_variables_is_kept()
    {
        var cache = CacheFor("{{ t = site.texts; l = page.lang }}{{ for c in site.list }}{{ c | string.upcase }}{{ for.index }}{{ end }}" +
                             "{{ t[l] | html.escape }}{{ page.title | object.default 'x' }}{{ if l == 'nb' }}{{ include 'plain' }}{{ end }}");
        Assert.True(cache.Keeps("part"), string.Join("; ", cache.NotKept.Select(n => $"{n.Key}: {n.Value}")));
    }

    [Fact]
    public void A_layout_that_hides_a_shared_name_before_the_include_gets_a_fresh_render()
    {
        // The layout shadows site before including the partial: the partial must see the layout's site, not a kept render.
        var (library, globals) = Library("{{ site.title }}", "{{ include 'part' }}|{{ site = {title: 'skygge'} }}{{ include 'part' }}");
        var renderer = new TemplateRenderer(library, Model(globals, _ => Frozen(new ScriptObject { ["lang"] = "nb" })), partials: new PartialCache(library, globals));

        Assert.Equal("Felles|skygge", RenderBase(renderer, library));
    }

    [Fact]
    public void A_kept_render_serves_only_pages_whose_members_it_read_are_the_same()
    {
        var (library, globals) = Library("{{ page.lang }}", "{{ include 'part' }}");
        var pages = new Dictionary<string, ScriptObject>
        {
            ["input/a.md"] = Frozen(new ScriptObject { ["lang"] = "nb", ["title"] = "A" }),
            ["input/b.md"] = Frozen(new ScriptObject { ["lang"] = "en", ["title"] = "B" }),
            ["input/c.md"] = Frozen(new ScriptObject { ["lang"] = "nb", ["title"] = "C" }),
        };
        var cache = new PartialCache(library, globals);
        var renderer = new TemplateRenderer(library, Model(globals, path => pages[path]), partials: cache);

        var rendered = pages.Keys.Select(path => RenderBase(renderer, library, path)).ToList();

        Assert.Equal(["nb", "en", "nb"], rendered);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Values_that_are_equal_but_print_differently_are_not_the_same_key()
    {
        var (library, globals) = Library("{{ page.n }}", "{{ include 'part' }}");
        var pages = new Dictionary<string, ScriptObject>
        {
            ["input/a.md"] = Frozen(new ScriptObject { ["n"] = 1.0m }),
            ["input/b.md"] = Frozen(new ScriptObject { ["n"] = 1.00m }),
            ["input/c.md"] = Frozen(new ScriptObject { ["n"] = -0.0 }),
            ["input/d.md"] = Frozen(new ScriptObject { ["n"] = 0.0 }),
        };
        var model = Model(globals, path => pages[path]);
        var renderer = new TemplateRenderer(library, model, partials: new PartialCache(library, globals));
        var uncached = new TemplateRenderer(library, model);

        foreach (var path in pages.Keys)
            Assert.Equal(RenderBase(uncached, library, path), RenderBase(renderer, library, path));
    }

    [Fact]
    public void A_partial_that_sets_variables_is_not_kept_when_a_layout_can_read_variables_by_name()
    {
        foreach (var reader in new[] { "{{ this | object.keys }}", "{{ with site }}{{ end }}", "{{ object.eval 'own' }}", "{{ object[\"eval\"] 'own' }}" })
        {
            var (library, globals) = Library("{{ own = page.title }}{{ own }}", "{{ include 'part' }}" + reader);
            var cache = new PartialCache(library, globals);
            Assert.False(cache.Keeps("part"), reader);
            Assert.Contains("can read them by name", cache.NotKept["part"]);
            Assert.True(cache.Keeps("plain"), reader); // sets nothing
        }
    }

    [Fact]
    public void A_partial_it_includes_that_is_also_included_elsewhere_counts_as_another_template()
    {
        var partials = new Dictionary<string, string> { ["part"] = "{{ x = page.title }}{{ include 'n' }}", ["n"] = "{{ x }}" };
        var (alone, globals) = Library(partials, "{{ include 'part' }}");
        Assert.True(new PartialCache(alone, globals).Keeps("part"), "n is part's own");
        var (shared, _) = Library(partials, "{{ include 'part' }}{{ include 'n' }}");
        var cache = new PartialCache(shared, globals);
        Assert.False(cache.Keeps("part"));
        Assert.Contains("sets x, which another template mentions", cache.NotKept["part"]);
    }

    [Theory]
    [InlineData("{{ include 'part' }}|{{ date = 1 }}{{ include 'part' }}")] // a date prints in date.format, found by name
    [InlineData("{{ o = {when: 'A'} }}{{ page = {when: o} }}{{ include 'part' }}|{{ o.when = 'B' }}{{ include 'part' }}")] // a page of the layout's own, changed
    public void A_layout_that_changes_what_the_partial_sees_by_other_means_gets_a_fresh_render(string layout)
    {
        var (library, globals) = Library("{{ page.when }}", layout);
        var when = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Unspecified);
        var model = Model(globals, _ => Frozen(new ScriptObject { ["when"] = when }));

        var kept = RenderBase(new TemplateRenderer(library, model, partials: new PartialCache(library, globals)), library);
        var fresh = RenderBase(new TemplateRenderer(library, model), library);

        Assert.Equal(fresh, kept);
        Assert.NotEqual(kept.Split('|')[0], kept.Split('|')[1]);
    }

    [Fact]
    public void A_partial_over_the_output_limit_stops_the_page_instead_of_being_kept_cut_short()
    {
        var (library, globals) = Library("{{ for i in 1..50 }}{{ site.title }}{{ end }}", "{{ include 'part' }}");
        var renderer = new TemplateRenderer(library, Model(globals, _ => Frozen(new ScriptObject())), TemplateLimits.Default with { OutputCharacters = 200 },
            partials: new PartialCache(library, globals));

        var error = Assert.Throws<SiteException>(() => RenderBase(renderer, library));
        Assert.Contains("the page grew to 200 characters", error.Diagnostic.Message);
    }

    private static PartialCache CacheFor(string partial)
    {
        var (library, globals) = Library(partial, "{{ mark }}{{ include 'part' }}");
        return new PartialCache(library, globals);
    }

    private static (TemplateLibrary Library, ScriptObject Globals) Library(string partial, string layout) =>
        Library(new Dictionary<string, string> { ["part"] = partial }, layout);

    private static (TemplateLibrary Library, ScriptObject Globals) Library(IReadOnlyDictionary<string, string> partials, string layout)
    {
        TemplateSource Source(string name, string folder, string text) =>
            new(name, new SourceFile($"theme/{folder}/{name}.html", $"/{name}.html", text), Template.Parse(text, $"theme/{folder}/{name}.html"), 0, null, new SourceLocation("theme"));
        var all = new Dictionary<string, string> { ["plain"] = "{{ site.title }}", ["other"] = "{{ heading }}" };
        foreach (var (name, text) in partials) all[name] = text;
        var library = new TemplateLibrary([Source("base", "layouts", layout)], [.. all.Select(p => Source(p.Key, "partials", p.Value))]);
        var globals = new ScriptObject { ["site"] = new ScriptObject { ["title"] = "Felles", ["texts"] = new ScriptObject { ["nb"] = "Hei" }, ["list"] = new ScriptArray { "a" } } };
        ScriptValues.Freeze(globals);
        return (library, globals);
    }

    /// <summary>A model of these globals whose page objects come from <paramref name="pages"/>, by source path.</summary>
    private static TemplateModel Model(ScriptObject globals, Func<string, ScriptObject> pages) =>
        new(globals, pages, System.Globalization.CultureInfo.InvariantCulture, new Dictionary<string, PageListStamp>());

    /// <summary>The layout 'base' rendered for the page at <paramref name="path"/>, with no content.</summary>
    private static string RenderBase(TemplateRenderer renderer, TemplateLibrary library, string path = "input/a.md") =>
        renderer.Render(library.Layout("base")!.Template, new Model.Page(new SourceFile(path, "/" + path, "")), "");

    private static ScriptObject Frozen(ScriptObject value)
    {
        ScriptValues.Freeze(value);
        return value;
    }

    /// <summary>A site built up to its layouts: what ApplyLayouts starts from.</summary>
    private static SiteState SiteBeforeLayouts(string input, string theme)
    {
        SiteState? before = null;
        var output = Path.Combine(Path.GetTempPath(), $"express-partials-{Guid.NewGuid():N}");
        try
        {
            SiteBuilder.Build(new BuildOptions(input, theme, output, FixtureSite.Today), afterStep: (step, site) =>
            {
                if (step is Steps.Render.Markdown.RenderMarkdown) before = site;
            });
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
        return before ?? throw new InvalidOperationException("the build ran no markdown step");
    }
}
