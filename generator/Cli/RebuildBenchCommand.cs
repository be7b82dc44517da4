using System.Diagnostics;
using Express.Site.Core;
using Express.Site.Incremental;
using Express.Site.Pipeline;
using Spectre.Console;

namespace Express.Site.Cli;

/// <summary>
/// Measures the preview's rebuilds in one process: full builds of the site against rebuilds after an edit of one
/// page's text (what an editor does). Used by bench/run.sh; the page is restored afterwards.
/// </summary>
public static class RebuildBenchCommand
{
    public static int Run(BuildOptions options, string pageFile, int runs, IAnsiConsole console)
    {
        var page = Path.GetFullPath(pageFile);
        if (!File.Exists(page))
        {
            console.WriteLine($"express-site: there is no page {page}");
            return App.WrongUsage;
        }

        var original = File.ReadAllText(page);
        var steps = new StepTimes();
        var builder = new IncrementalBuilder(options, null, steps);
        try
        {
            builder.Rebuild([]); // the first build also warms the process up
            var full = Measure(runs, _ => builder.Rebuild([]));
            steps.Clear();
            var (collections, paused, allocated) = (Collections(), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));
            // A rebuild takes tens of milliseconds, where a busy machine's noise shows: ten times as many, for a steadier median.
            var rebuilds = runs * 10;
            var incremental = Measure(rebuilds, i =>
            {
                File.WriteAllText(page, original + $"\nRedigert {i}.\n");
                return builder.Rebuild([page]);
            });
            console.WriteLine($"full {full.Pages} pages: median {full.Median:0.0} ms");
            console.WriteLine($"incremental {incremental.Pages} page(s): median {incremental.Median:0.0} ms of {rebuilds}");
            console.WriteLine($"ratio full/incremental {full.Median / incremental.Median:0.0}");
            var collected = Collections().Zip(collections, (now, before) => now - before).ToArray();
            console.WriteLine($"incremental, garbage collection per rebuild: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / rebuilds / 1e6:0.00} MB allocated, "
                + $"{collected.Sum() / (double)rebuilds:0.00} collections ({string.Join(" + ", collected.Select((n, gen) => $"{n} of generation {gen}"))} in {rebuilds} rebuilds), "
                + $"{(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / rebuilds:0.0} ms paused");
            console.WriteLine($"incremental, median per step: {string.Join(", ", steps.Medians().Where(s => s.Ms >= 0.5).Select(s => $"{s.Step} {s.Ms:0.0} ms"))}");
            return 0;
        }
        catch (BuildFailedException e)
        {
            foreach (var error in e.Errors) console.WriteLine(error.ToString());
            return 1;
        }
        finally
        {
            File.WriteAllText(page, original);
        }
    }

    /// <summary>How many collections of each generation alone (one of generation 1 also counts for 0 in the runtime's numbers).</summary>
    private static int[] Collections() => [GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2)];

    private static (double Median, int Pages) Measure(int runs, Func<int, int> rebuild)
    {
        var times = new List<double>();
        var pages = 0;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            pages = rebuild(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], pages);
    }

    /// <summary>Each step's times over the runs, for the median per step.</summary>
    private sealed class StepTimes : IBuildReporter
    {
        private readonly Dictionary<string, List<double>> _times = [];

        public void Clear() => _times.Clear();

        public IEnumerable<(string Step, double Ms)> Medians() =>
            _times.Select(t => (t.Key, t.Value.Order().ElementAt(t.Value.Count / 2))).OrderByDescending(t => t.Item2);

        public void StepStarted(string step, int workItems) { }
        public void WorkItemDone(string step) { }
        public void WorkItemsDone(string step, int count) { }
        public bool ShowsSummaries => false;

        public void StepFinished(string step, TimeSpan elapsed, string summary)
        {
            if (!_times.TryGetValue(step, out var list)) _times[step] = list = [];
            list.Add(elapsed.TotalMilliseconds);
        }
    }
}
