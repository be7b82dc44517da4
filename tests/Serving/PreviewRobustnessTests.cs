using System.Collections.Concurrent;
using System.Diagnostics;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Serving;

/// <summary>
/// serve never dies of a file event and never hangs on a runaway rebuild: it keeps serving the last good site, shows
/// the error, and builds again at the next change. Each test waits for a condition, never a fixed time.
/// </summary>
public sealed class PreviewRobustnessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FixtureSite _site = new();
    private readonly ConcurrentQueue<RebuildResult> _rebuilds = new();
    private readonly HttpClient _http = new();
    private readonly PreviewServer _preview;

    public PreviewRobustnessTests()
    {
        _preview = new PreviewServer(_site.Options, FixtureSite.Today, _ => { }, _ => { });
        _preview.Rebuilt += _rebuilds.Enqueue;
        Assert.True(_preview.Start(port: 0).Succeeded);
    }

    public void Dispose()
    {
        _preview.Dispose();
        _http.Dispose();
        _site.Dispose();
    }

    private async Task<string> PageAsync(string path) => await _http.GetStringAsync(_preview.Origin + path);

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"waited {Patience.TotalSeconds} s for {what}");
            await Task.Delay(20);
        }
    }

    private Task WaitForTextAsync(string path, string text) => WaitForAsync(async () => (await PageAsync(path)).Contains(text), $"'{text}' on {path}");

    [Fact]
    public async Task A_save_the_first_build_did_not_see_is_built_next()
    {
        // A save at the very end of serve's first build, after it read the page: the watcher is already listening.
        using var site = new FixtureSite();
        using var preview = new PreviewServer(site.Options, FixtureSite.Today, _ => { }, _ => { });
        var page = Path.Combine(site.Input, "om-oss.md");
        var saved = false;
        preview.Rebuilt += _ =>
        {
            if (saved) return;
            saved = true;
            File.AppendAllText(page, "\nLagret under den første byggingen.\n");
        };
        Assert.True(preview.Start(port: 0).Succeeded);
        await WaitForAsync(async () => (await _http.GetStringAsync(preview.Origin + "/om-oss/")).Contains("Lagret under den første byggingen."),
            "the save made during the first build on /om-oss/");
    }

    [Fact]
    public async Task Vim_saves_with_its_probe_file_backups_and_renames_never_stop_it()
    {
        var page = Path.Combine(_site.Input, "om-oss.md");
        var original = File.ReadAllText(page);
        for (var save = 1; save <= 12; save++)
        {
            // What vim does on :w with its defaults: probe the folder with 4913, rename the file to a backup, write anew, drop the backup.
            var probe = Path.Combine(_site.Input, "4913");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            File.Move(page, page + "~");
            File.WriteAllText(Path.Combine(_site.Input, ".om-oss.md.swp"), "swap");
            File.WriteAllText(page, original + $"\nLagret {save} ganger.\n");
            File.Delete(page + "~");
            File.Delete(Path.Combine(_site.Input, ".om-oss.md.swp"));
        }
        await WaitForTextAsync("/om-oss/", "Lagret 12 ganger.");
        Assert.False(_site.OutputExists("4913"));
    }

    [Fact]
    public async Task A_dangling_symlink_shows_an_error_while_the_last_good_site_stays_served_and_removing_it_recovers()
    {
        var link = Path.Combine(_site.Input, "borte.md");
        File.CreateSymbolicLink(link, Path.Combine(_site.Root, "finnes-ikke.md"));
        await WaitForAsync(() => Task.FromResult(_rebuilds.Any(r => !r.Succeeded && r.Errors.Count > 0)), "a failed rebuild");
        var failed = _rebuilds.First(r => !r.Succeeded);
        Assert.Contains("borte.md", string.Join("\n", failed.Errors));
        Assert.Contains("Om oss", await PageAsync("/om-oss/")); // still served

        File.Delete(link);
        _site.Replace("input/om-oss.md", "title: Om oss", "title: Om oss etter lenken");
        await WaitForTextAsync("/om-oss/", "Om oss etter lenken");
    }

    [Fact]
    public async Task A_renamed_folder_and_a_deleted_page_show_their_errors_and_restoring_the_page_recovers()
    {
        Directory.Move(Path.Combine(_site.Input, "stillinger"), Path.Combine(_site.Input, "jobber"));
        var page = Path.Combine(_site.Input, "om-oss.md");
        var text = File.ReadAllText(page);
        File.Delete(page); // the home page links to it
        // A rebuild may start between the move and the delete (and fail on the links into the moved folder): the
        // error after the delete is the one to wait for.
        await WaitForAsync(() => Task.FromResult(_rebuilds.Any(r => !r.Succeeded && string.Join("\n", r.Errors).Contains("broken link '/om-oss/#historie'", StringComparison.Ordinal))),
            "the failed rebuild after the delete, with the broken link to the deleted page");
        Assert.Contains("Om oss", await PageAsync("/om-oss/")); // the last good site is still served

        File.WriteAllText(page, text.Replace("title: Om oss", "title: Om oss igjen"));
        await WaitForTextAsync("/om-oss/", "Om oss igjen");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _http.GetAsync(_preview.Origin + "/jobber/")).StatusCode); // the moved folder is published where it now is
    }

    [Fact]
    public async Task The_fix_of_a_broken_save_renders_only_the_page_it_fixed()
    {
        _site.Replace("input/om-oss.md", "title: Om oss", "title: [Om oss");
        await WaitForAsync(() => Task.FromResult(_rebuilds.Any(r => !r.Succeeded && r.Errors.Any(e => e.Location.File == "input/om-oss.md"))), "the failed rebuild");
        var before = _rebuilds.Count;

        _site.Replace("input/om-oss.md", "title: [Om oss", "title: Om oss"); // as the last good build had it: no page list changes
        File.AppendAllText(Path.Combine(_site.Input, "om-oss.md"), "\nRettet.\n");
        await WaitForTextAsync("/om-oss/", "Rettet.");
        await WaitForAsync(() => Task.FromResult(_rebuilds.Skip(before).Any(r => r.Succeeded)), "the rebuild of the fix");
        Assert.Equal(1, _rebuilds.Skip(before).First(r => r.Succeeded).PagesRendered);
    }

    [Fact]
    public async Task Lost_watcher_events_rebuild_everything()
    {
        var pages = _site.OutputPages().Count();
        var before = _rebuilds.Count;
        _preview.SimulateLostEvents();
        await WaitForAsync(() => Task.FromResult(_rebuilds.Count > before), "the rebuild after lost events");
        Assert.Equal(pages, _rebuilds.Last().PagesRendered);
    }

    [Fact]
    public async Task A_save_during_a_runaway_rebuild_cancels_it_and_builds_the_fix()
    {
        var started = 0;
        _preview.RebuildStarted += () => Interlocked.Increment(ref started);
        var page = Path.Combine(_site.Input, "om-oss.md");
        var good = File.ReadAllText(page);
        // A slow loop under the iteration limit: only the time limit (10 s) would stop it, so the fix's save must cancel
        // it (an endless loop hits the iteration limit within a second, which may come before the save is seen).
        File.WriteAllText(page, good + "\n{{ for i in 1..999000 }}{{ x = 'a' | string.pad_left 200000 }}{{ end }}\n");
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref started) >= 1), "the runaway rebuild to start");

        File.WriteAllText(page, good + "\nFikset.\n");
        await WaitForTextAsync("/om-oss/", "Fikset.");
        Assert.Contains(_rebuilds, r => r.Cancelled);
    }
}

/// <summary>The preview's texts for editors come from the theme.</summary>
public sealed class ThemeTextsTests : IDisposable
{
    private readonly string _theme = Directory.CreateTempSubdirectory("express-theme-").FullName;

    public void Dispose() => Directory.Delete(_theme, recursive: true);

    [Fact]
    public void The_overlay_title_is_the_themes_or_english_without_one()
    {
        Assert.Equal(LiveReload.DefaultFailedTitle, LiveReload.FailedTitleFrom(_theme));
        File.WriteAllText(Path.Combine(_theme, ThemeTexts.FileName), "preview_failed: \"Le build a échoué : {count} erreur(s)\"\n");
        Assert.Equal("Le build a échoué : {count} erreur(s)", LiveReload.FailedTitleFrom(_theme));
    }
}

public sealed class SiteWatcherTests
{
    [Theory]
    [InlineData("4913", true)] // vim's probe
    [InlineData(".om-oss.md.swp", true)]
    [InlineData("om-oss.md.swx", true)]
    [InlineData("om-oss.md~", true)]
    [InlineData("#om-oss.md#", true)] // emacs
    [InlineData(".DS_Store", true)]
    [InlineData("om-oss.md", false)]
    [InlineData("4913.md", false)]
    [InlineData("logo.svg", false)]
    public void Editors_temporary_files_are_not_changes_of_the_site(string name, bool temporary) =>
        Assert.Equal(temporary, SiteWatcher.IsEditorTemporary(name));
}
