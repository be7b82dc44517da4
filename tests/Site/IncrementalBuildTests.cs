using Express.Site.Core;
using Express.Site.Incremental;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// The preview's rebuilds: which pages a change affects, that only those are rendered and written, and that the
/// result is always what a full build of the same files gives.
/// </summary>
public sealed class IncrementalBuildTests : IDisposable
{
    private readonly FixtureSite _site = FixtureSite.RealSite();
    private readonly IncrementalBuilder _builder;

    public IncrementalBuildTests()
    {
        _builder = new IncrementalBuilder(_site.Options, FixtureSite.Today);
        Assert.Equal(13, _builder.Rebuild([])); // 12 pages and the job ad past its deadline, kept as closed
    }

    public void Dispose() => _site.Dispose();

    private string Full(string relativePath) => Path.Combine(_site.Root, relativePath);

    private DateTime[] WriteTimes() => [.. Directory.EnumerateFiles(_site.Output, "*", SearchOption.AllDirectories).Order().Select(File.GetLastWriteTimeUtc)];

    /// <summary>Every output file equals what a full build of the same input writes.</summary>
    private void AssertSameAsFullBuild()
    {
        using var fresh = FixtureSite.RealSite();
        foreach (var folder in (string[])["input", "theme"])
        {
            Directory.Delete(Path.Combine(fresh.Root, folder), true);
            FixtureSite.CopyFolder(Path.Combine(_site.Root, folder), Path.Combine(fresh.Root, folder));
        }
        Assert.Equal(0, fresh.Run().ExitCode);
        Assert.Equal(Snapshot(fresh.Output), Snapshot(_site.Output));
    }

    private static Dictionary<string, string> Snapshot(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);

    [Fact]
    public void An_edited_page_body_renders_and_writes_that_page_only()
    {
        var before = WriteTimes();
        File.AppendAllText(Full("input/om-oss.md"), "\nEn ny setning.\n");

        Assert.Equal(1, _builder.Rebuild([Full("input/om-oss.md")]));

        Assert.Contains("En ny setning.", _site.ReadOutput("om-oss/index.html"));
        var after = WriteTimes();
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(1, before.Zip(after).Count(t => t.First != t.Second));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void Removing_an_id_another_page_links_to_breaks_that_link_in_the_next_rebuild()
    {
        var kontakt = Full("input/kontakt.md");
        var text = File.ReadAllText(kontakt);
        File.WriteAllText(kontakt, text.Replace("## Jeg vil ha mer informasjon {#mer-informasjon}", "## Jeg vil ha mer informasjon"));

        var e = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([kontakt]));

        // bedrifter.md did not change; its link to /kontakt/#mer-informasjon is checked again because the id it needs went.
        Assert.Contains(e.Errors, error => error.Location.File == "input/bedrifter.md"
            && error.Message.Contains("broken link '/kontakt/#mer-informasjon'", StringComparison.Ordinal)
            && error.Message.Contains("there is no element with id 'mer-informasjon' on /kontakt/", StringComparison.Ordinal));
        File.WriteAllText(kontakt, text);
        _builder.Rebuild([kontakt]);
        AssertSameAsFullBuild();
    }

    [Fact]
    public void A_key_a_layout_no_longer_declares_is_reported_on_the_unchanged_page_that_has_it()
    {
        var home = Full("theme/layouts/home.html");
        _site.Replace("theme/layouts/home.html", "front_matter_keys: [heading, lead, audiences]", "front_matter_keys: [heading, lead, audience]");

        var e = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([home]));

        Assert.Contains(e.Errors, error => error.Location.File == "input/index.md" && error.Message.Contains("did you mean 'audience'", StringComparison.Ordinal));
        _site.Replace("theme/layouts/home.html", "front_matter_keys: [heading, lead, audience]", "front_matter_keys: [heading, lead, audiences]");
        _builder.Rebuild([home]);
        AssertSameAsFullBuild();
    }

    [Fact]
    public void A_script_saved_into_a_published_svg_stops_the_rebuild_until_it_is_taken_out()
    {
        var icon = Full("input/ikon.svg");
        const string clean = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<circle r=\"1\"/>\n</svg>\n";
        _site.Write("input/ikon.svg", clean);
        _builder.Rebuild([icon]);

        _site.Write("input/ikon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>fetch('/x')</script>\n</svg>\n");
        var e = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([icon]));

        Assert.Contains(e.Errors, error => error.Location.File == "input/ikon.svg" && error.Location.Line == 2 && error.Message.StartsWith("ikon.svg has an inline <script>", StringComparison.Ordinal));
        Assert.Equal(clean, _site.ReadOutput("ikon.svg"));
        _site.Write("input/ikon.svg", clean);
        _builder.Rebuild([icon]);
        AssertSameAsFullBuild();
    }

    [Fact]
    public void An_edited_job_title_renders_the_ad_and_the_lists_that_show_it()
    {
        _site.Replace("input/stillinger/selger.md", "title: Selger bedriftsmarked", "title: Selger i Oslo");
        Assert.Equal(3, _builder.Rebuild([Full("input/stillinger/selger.md")]));
        Assert.Contains("Selger i Oslo", _site.ReadOutput("stillinger/index.html"));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void An_edited_partial_renders_the_pages_that_use_it()
    {
        _site.Replace("theme/partials/footer.html", "Personverninnstillinger", "Dine personverninnstillinger");
        Assert.Equal(13, _builder.Rebuild([Full("theme/partials/footer.html")]));
        Assert.Contains("Dine personverninnstillinger", _site.ReadOutput("kontakt/index.html"));

        _site.Replace("theme/partials/job-card.html", "<", "<!-- kort -->\n<");
        Assert.Equal(2, _builder.Rebuild([Full("theme/partials/job-card.html")]));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void The_privacy_centers_partial_is_no_pages_template_and_builds_everything()
    {
        _site.Replace("theme/partials/consent-center.html", "<div class=\"consent-center__head\">", "<div class=\"consent-center__head\" data-edited>");
        Assert.Equal(13, _builder.Rebuild([Full("theme/partials/consent-center.html")]));
        var center = Directory.GetFiles(Path.Combine(_site.Output, "assets"), "consent-center.nb.*.html").Single();
        Assert.Contains("data-edited", File.ReadAllText(center));
        Assert.Contains(Path.GetFileName(center), _site.ReadOutput("index.html"));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void Data_builds_every_page_and_new_or_deleted_pages_only_themselves_and_the_generated_files()
    {
        _site.Replace("input/_data/site.yml", "title: Express Rekruttering\n", "title: Express Rekruttering AS\n");
        Assert.Equal(13, _builder.Rebuild([Full("input/_data/site.yml")]));

        _site.Write("input/nyhet.md", "---\ntitle: Nyhet\ndescription: En nyhet.\n---\nNytt fra oss.\n");
        Assert.Equal(1, _builder.Rebuild([Full("input/nyhet.md")])); // no page lists every page
        Assert.True(_site.OutputExists("nyhet/index.html"));
        Assert.Contains("/nyhet/", _site.ReadOutput("sitemap.xml"));

        File.Delete(Full("input/nyhet.md"));
        Assert.Equal(0, _builder.Rebuild([Full("input/nyhet.md")]));
        Assert.False(_site.OutputExists("nyhet/index.html"));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void An_edited_partial_of_the_privacy_center_renders_the_center_and_every_page_that_links_to_it()
    {
        // The first of the drifts the issue found: the lifetime words are used by the privacy statement's tables and
        // the privacy center, an asset whose fingerprinted name every page carries.
        var center = Directory.GetFiles(Path.Combine(_site.Output, "assets"), "consent-center.nb.*.html").Single();
        _site.Replace("theme/partials/personvern-levetid.html", "\"måneder\"", "\"mnd.\"");
        Assert.Equal(13, _builder.Rebuild([Full("theme/partials/personvern-levetid.html")])); // every page, the closed job ad included
        var now = Directory.GetFiles(Path.Combine(_site.Output, "assets"), "consent-center.nb.*.html").Single();
        Assert.NotEqual(Path.GetFileName(center), Path.GetFileName(now));
        Assert.Contains("12 mnd.", File.ReadAllText(now));
        Assert.Contains(Path.GetFileName(now), _site.ReadOutput("om-oss/index.html"));
        AssertSameAsFullBuild();
    }

    [Fact]
    public void Renaming_a_page_moves_it_and_leaves_no_empty_folder()
    {
        _site.Write("input/nyhet.md", "---\ntitle: Nyhet\ndescription: En nyhet.\n---\nNytt fra oss.\n");
        _builder.Rebuild([Full("input/nyhet.md")]);
        File.Move(Full("input/nyhet.md"), Full("input/nyheter.md"));
        Assert.Equal(1, _builder.Rebuild([Full("input/nyhet.md"), Full("input/nyheter.md")]));
        Assert.False(Directory.Exists(Path.Combine(_site.Output, "nyhet")));
        Assert.True(_site.OutputExists("nyheter/index.html"));
        AssertSameAsFullBuild();
    }

    [Theory]
    [InlineData("[Borte](/finnes-ikke/)", "broken link '/finnes-ikke/'")]
    [InlineData("<form name=\"ukjent\"></form>", "the form 'ukjent'")]
    [InlineData("<p style=\"color: red\">Rød</p>", "blocks style attributes")]
    public void A_problem_on_an_unchanged_page_is_reported_again_while_another_page_is_edited(string markdown, string error)
    {
        // Site-wide checks keep what they found on pages that did not change; what they found must come back each time.
        File.AppendAllText(Full("input/bedrifter.md"), $"\n{markdown}\n");
        for (var edit = 0; edit < 3; edit++)
        {
            var e = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([Full(edit == 0 ? "input/bedrifter.md" : "input/om-oss.md")]));
            Assert.Contains(e.Errors, found => found.Location.File == "input/bedrifter.md" && found.Message.Contains(error, StringComparison.Ordinal));
            File.AppendAllText(Full("input/om-oss.md"), $"\nEndring {edit}.\n");
        }
    }

    [Fact]
    public void A_broken_edit_changes_nothing_and_the_fix_builds_from_the_last_good_site()
    {
        var before = Snapshot(_site.Output);
        _site.Replace("input/om-oss.md", "title: Om oss", "title: [Om oss");
        var error = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([Full("input/om-oss.md")]));
        Assert.Equal("input/om-oss.md", error.Errors[0].Location.File);
        Assert.Equal(before, Snapshot(_site.Output));

        _site.Replace("input/om-oss.md", "title: [Om oss", "title: Om oss");
        File.AppendAllText(Full("input/om-oss.md"), "\n<script src=\"https://static.hotjar.com/c/hotjar-1.js\"></script>\n");
        var leak = Assert.Throws<BuildFailedException>(() => _builder.Rebuild([Full("input/om-oss.md")]));
        Assert.Contains("static.hotjar.com", leak.Errors[0].Message);
        Assert.Equal(before, Snapshot(_site.Output));

        _site.Replace("input/om-oss.md", "\n<script src=\"https://static.hotjar.com/c/hotjar-1.js\"></script>\n", "\nFikset.\n");
        Assert.Equal(1, _builder.Rebuild([Full("input/om-oss.md")]));
        Assert.Contains("Fikset.", _site.ReadOutput("om-oss/index.html"));
        AssertSameAsFullBuild();
    }
}
