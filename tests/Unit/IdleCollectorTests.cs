using Express.Site.Serving;

namespace Express.Site.Tests.Unit;

/// <summary>The preview collects its garbage after a rebuild once 64 MB were allocated since it last did.</summary>
public sealed class IdleCollectorTests
{
    [Fact]
    public void Collects_after_a_rebuild_once_64_MB_were_allocated_since_the_last_collection()
    {
        long allocated = 0;
        var collector = new IdleCollector(() => allocated);

        allocated += IdleCollector.Every - 1;
        Assert.False(collector.AfterRebuild());

        allocated += 1;
        var fullCollections = GC.CollectionCount(2);
        Assert.True(collector.AfterRebuild());
        Assert.True(GC.CollectionCount(2) > fullCollections);

        allocated += IdleCollector.Every / 2; // counted from the collection now
        Assert.False(collector.AfterRebuild());
    }
}
