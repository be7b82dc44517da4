using System.Text;
using System.Text.RegularExpressions;
using Express.Site.Core;
using Express.Site.Incremental;
using Express.Site.Pipeline;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// The pipeline's invariant: after any sequence of edits, adds, renames and deletes, the preview's output is
/// byte-identical to a full build of the same files, and a preview rebuild fails exactly when a full build fails
/// (then leaving its output as it was). Random edit sequences over a copy of the real site, each seed reproducible;
/// set EXPRESS_PREVIEW_SEEDS to a number to try that many more seeds.
/// </summary>
public sealed partial class PreviewEqualsFullBuildTests
{
    private const int EditsPerSequence = 8;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int> { 1, 2, 3, 4, 5, 6 };
        if (int.TryParse(Environment.GetEnvironmentVariable("EXPRESS_PREVIEW_SEEDS"), out var more))
            for (var seed = 100; seed < 100 + more; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void After_every_edit_the_preview_equals_a_full_build(int seed)
    {
        using var site = FixtureSite.RealSite();
        var editor = new RandomEditor(site, new Random(seed));
        var preview = new IncrementalBuilder(site.Options, FixtureSite.Today);
        preview.Rebuild([]);
        var log = new StringBuilder($"seed {seed}:\n");
        for (var step = 1; step <= EditsPerSequence; step++)
        {
            var before = Snapshot(site.Output);
            var (description, changed) = editor.Edit(step);
            log.Append($"  {step}. {description}\n");

            var previewErrors = Errors(() => preview.Rebuild(changed));
            var full = Path.Combine(site.Root, "full-output");
            var fullErrors = Errors(() => SiteBuilder.Build(site.Options with { OutputDir = full }));

            Assert.True(previewErrors is null == fullErrors is null,
                $"{log}the preview {(previewErrors is null ? "built" : "failed")} but a full build {(fullErrors is null ? "built" : "failed")}: {previewErrors ?? fullErrors}");
            if (fullErrors is not null)
            {
                Assert.True(previewErrors == fullErrors, $"{log}different errors:\npreview: {previewErrors}\nfull: {fullErrors}");
                Assert.True(Same(before, Snapshot(site.Output), out var why), $"{log}a failed rebuild changed the output: {why}");
                continue;
            }
            Assert.True(Same(Snapshot(full), Snapshot(site.Output), out var difference), $"{log}the preview differs from a full build: {difference}");
            Directory.Delete(full, recursive: true);
        }
    }

    /// <summary>
    /// A save during a rebuild cancels it, anywhere: between steps or between two pages of a step. The next rebuild
    /// takes up the cancelled one's changes with its own, and its output still equals a full build's; the cancelled
    /// one left the output as it was.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void After_a_cancelled_rebuild_the_next_one_still_equals_a_full_build(int seed)
    {
        using var site = FixtureSite.RealSite();
        var random = new Random(seed);
        var editor = new RandomEditor(site, random);
        var reporter = new CancellingReporter();
        var preview = new IncrementalBuilder(site.Options, FixtureSite.Today, reporter);
        preview.Rebuild([]);
        var log = new StringBuilder($"seed {seed}:\n");
        var events = 0; // in the last rebuild that ran to the end
        var cancelled = 0;
        for (var step = 1; step <= EditsPerSequence; step++)
        {
            var before = Snapshot(site.Output);
            var (description, changed) = editor.Edit(step);
            using (var cancellation = new CancellationTokenSource())
            {
                var at = random.Next(1, Math.Max(2, events));
                log.Append($"  {step}. {description}, cancelled at event {at}\n");
                reporter.CancelAt(cancellation, at);
                try
                {
                    preview.Rebuild(changed, cancellation.Token);
                    events = reporter.Events;
                }
                catch (Exception e) when (cancellation.IsCancellationRequested && e is not BuildFailedException)
                {
                    cancelled++;
                    Assert.True(Same(before, Snapshot(site.Output), out var why), $"{log}a cancelled rebuild changed the output: {why}");
                }
                catch (BuildFailedException)
                {
                    // a full build fails as well: checked after the next rebuild
                }
                reporter.CancelAt(null, 0);
            }

            // The next save: another edit, or none (the same file saved again).
            if (random.Next(2) == 0) changed = editor.Edit(100 + step).Changed;
            var previewErrors = Errors(() => preview.Rebuild(changed));
            var full = Path.Combine(site.Root, "full-output");
            var fullErrors = Errors(() => SiteBuilder.Build(site.Options with { OutputDir = full }));
            Assert.True(previewErrors is null == fullErrors is null,
                $"{log}the preview {(previewErrors is null ? "built" : "failed")} but a full build {(fullErrors is null ? "built" : "failed")}: {previewErrors ?? fullErrors}");
            if (fullErrors is null)
                Assert.True(Same(Snapshot(full), Snapshot(site.Output), out var difference), $"{log}the preview differs from a full build: {difference}");
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            if (previewErrors is not null) preview.Rebuild([]); // as the preview does after a failed rebuild
        }
        Assert.True(cancelled > 0, $"{log}no rebuild was cancelled");
    }

    /// <summary>Counts what the pipeline reports (steps started, pages done) and cancels at the given count.</summary>
    private sealed class CancellingReporter : IBuildReporter
    {
        private CancellationTokenSource? _cancellation;
        private int _at, _events;

        public int Events => _events;

        public void CancelAt(CancellationTokenSource? cancellation, int at) => (_cancellation, _at, _events) = (cancellation, at, 0);

        private void Count()
        {
            if (Interlocked.Increment(ref _events) == _at) _cancellation?.Cancel();
        }

        public void StepStarted(string step, int workItems) => Count();

        public void WorkItemDone(string step) => Count();

        public void WorkItemsDone(string step, int count) => Count();

        public void StepFinished(string step, TimeSpan elapsed, string summary) { }
    }

    private static string? Errors(Action build)
    {
        try
        {
            build();
            return null;
        }
        catch (BuildFailedException e)
        {
            return string.Join("\n", e.Errors.Select(d => d.ToString()));
        }
    }

    /// <summary>Every folder (value null) and file (its bytes, hex) under <paramref name="folder"/>.</summary>
    private static Dictionary<string, string?> Snapshot(string folder) => Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(e => Path.GetRelativePath(folder, e), e => Directory.Exists(e) ? null : Convert.ToHexString(File.ReadAllBytes(e)));

    private static bool Same(Dictionary<string, string?> expected, Dictionary<string, string?> actual, out string difference)
    {
        var missing = expected.Keys.Except(actual.Keys).Order().ToList();
        var extra = actual.Keys.Except(expected.Keys).Order().ToList();
        var differ = expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k]).Order().ToList();
        difference = $"{missing.Count} missing ({string.Join(", ", missing.Take(5))}), {extra.Count} extra ({string.Join(", ", extra.Take(5))}), "
                     + $"{differ.Count} different ({string.Join(", ", differ.Take(5))})";
        return missing.Count + extra.Count + differ.Count == 0;
    }

    /// <summary>Makes one random edit an editor or theme developer could make, and says which paths it touched.</summary>
    private sealed partial class RandomEditor(FixtureSite site, Random random)
    {
        private readonly List<string> _added = [];

        private string Full(string relative) => Path.Combine(site.Root, relative);

        private string Pick(IReadOnlyList<string> items) => items[random.Next(items.Count)];

        private IReadOnlyList<string> Files(string folder, string pattern) => Directory.EnumerateFiles(Full(folder), pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Root, f)).Order(StringComparer.Ordinal).ToList();

        private (string, IReadOnlyList<string>) Change(string relative, Func<string, string> edit, string what)
        {
            var path = Full(relative);
            File.WriteAllText(path, edit(File.ReadAllText(path)), new UTF8Encoding(false));
            return ($"{what} in {relative}", [path]);
        }

        public (string Description, IReadOnlyList<string> Changed) Edit(int n)
        {
            var pages = Files("input", "*.md");
            switch (random.Next(14))
            {
                case 0:
                case 1:
                    return Change(Pick(Files("theme", "*.html")), t => t + $"\n<!-- e{n} -->\n", "an HTML comment appended");
                case 2:
                    return Change("theme/partials/personvern-levetid.html", t => t.Replace("\"måneder\"", $"\"måneder e{n}\""), "the word for months changed");
                case 3:
                    return Change("input/_data/privacy.yml", t => PhoneLine().Replace(t, $"phone: +47 92 08 {10 + n} 86", 1), "the controller's phone changed");
                case 4:
                    var months = random.Next(1, 14);
                    return Change("input/_data/privacy.yml", t => Lifetime12Months().Replace(t, $"lifetime: {months} months", 1), $"a 12-month lifetime set to {months}");
                case 5:
                    return Change(Pick(pages), t => TitleLine().Replace(t, $"$0 e{n}", 1), "the title changed");
                case 6:
                    return Change(Pick(pages.Where(p => !p.EndsWith("index.md", StringComparison.Ordinal) && !p.EndsWith("404.md", StringComparison.Ordinal)).ToList()),
                        t => NavLine().IsMatch(t) ? NavLine().Replace(t, "", 1) : TitleLine().Replace(t, $"$0\nnav: {random.Next(1, 9)}", 1), "nav toggled");
                case 7:
                    return Change(Pick(pages), t => t + $"\nAvsnitt e{n}.\n", "a paragraph appended");
                case 8:
                    var deadline = new DateTime(2026, 11, 20).AddDays(random.Next(0, 60));
                    return Change(Pick(Files("input/stillinger", "*.md").Where(p => !p.EndsWith("index.md", StringComparison.Ordinal)).ToList()),
                        t => DeadlineLine().Replace(t, $"deadline: {deadline:yyyy-MM-dd}", 1), $"the deadline set to {deadline:yyyy-MM-dd}");
                case 9:
                    return Add(n);
                case 10 when _added.Count > 0:
                    var from = Pick(_added);
                    var to = Path.Combine(Path.GetDirectoryName(from)!, $"omdopt-{n}.md");
                    File.Move(Full(from), Full(to));
                    _added[_added.IndexOf(from)] = to;
                    return ($"{from} renamed to {to}", [Full(from), Full(to)]);
                case 11 when _added.Count > 0:
                    var gone = Pick(_added);
                    File.Delete(Full(gone));
                    _added.Remove(gone);
                    return ($"{gone} deleted", [Full(gone)]);
                case 12:
                    return Change("input/_data/site.yml", t => TitleLine().Replace(t, $"$0 e{n}", 1), "the site's title changed");
                case 13:
                    return Change("theme/assets/css/site.css", t => t + $"\n/* e{n} */\n", "a CSS comment appended");
                default:
                    return Add(n);
            }
        }

        private (string, IReadOnlyList<string>) Add(int n)
        {
            var job = random.Next(2) == 0;
            var relative = job ? $"input/stillinger/ny-{n}.md" : $"input/ny-{n}.md";
            var nav = !job && random.Next(2) == 0 ? $"nav: {random.Next(1, 9)}\n" : "";
            site.Write(relative, job
                ? $"---\ntitle: Ny stilling {n}\ndescription: En ny stilling.\ndate: 2026-11-21\ndeadline: 2026-12-{random.Next(1, 31):00}\nemployment_type: FULL_TIME\nlocation:\n  city: Oslo\n  region: Oslo\n---\n## Om stillingen\n\nTekst {n}.\n"
                : $"---\ntitle: Ny side {n}\ndescription: En ny side.\n{nav}---\nTekst {n}.\n");
            _added.Add(relative);
            return ($"{relative} added", [Full(relative)]);
        }

        [GeneratedRegex("(?m)^phone: .*$")]
        private static partial Regex PhoneLine();

        [GeneratedRegex("lifetime: 12 months")]
        private static partial Regex Lifetime12Months();

        [GeneratedRegex("(?m)^title: .*$")]
        private static partial Regex TitleLine();

        [GeneratedRegex("(?m)^nav: .*\n")]
        private static partial Regex NavLine();

        [GeneratedRegex("(?m)^deadline: .*$")]
        private static partial Regex DeadlineLine();
    }
}
