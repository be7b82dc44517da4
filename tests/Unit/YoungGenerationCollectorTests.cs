using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>A one-off build collects the youngest generation every 8 MB it allocates; the preview's process does not.</summary>
public sealed class YoungGenerationCollectorTests
{
    [Fact]
    public void A_collection_is_due_every_8_MB_and_taken_by_one_caller()
    {
        var collector = new YoungGenerationCollector(allocatedAtStart: 1_000);

        Assert.False(collector.TakeDue(1_000 + YoungGenerationCollector.Every - 1));
        Assert.True(collector.TakeDue(1_000 + YoungGenerationCollector.Every));
        Assert.False(collector.TakeDue(1_000 + YoungGenerationCollector.Every + 1)); // counted from the last collection now
        Assert.True(collector.TakeDue(1_000 + 2 * YoungGenerationCollector.Every));

        // Two threads ending work items at once: one of them collects.
        var due = 0;
        var at = 1_000 + 3 * YoungGenerationCollector.Every;
        Parallel.For(0, 64, _ => { if (collector.TakeDue(at)) Interlocked.Increment(ref due); });
        Assert.Equal(1, due);
    }

    [Fact]
    public void Only_a_one_off_build_collects()
    {
        Assert.NotNull(Contexts.OneOff().Collector);
        Assert.Null(Contexts.Preview().Collector);
        Assert.Null(new BuildContext(Contexts.NoFolders, IBuildReporter.Silent) { Changes = new HashSet<string>(), RunsAgain = true }.Collector);
    }
}
