using System.Collections.Immutable;
using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// What a step keeps from its last run (<see cref="StepMemo{TIn,TOut}"/> through <see cref="BuildContext.Map{TIn,TOut}(IReadOnlyList{TIn},StepMemo{TIn,TOut},object?,Func{TIn,TOut},Func{TOut,bool}?,object?[]?)"/>):
/// reused for the same items, with the problems its work reported, over run after run.
/// </summary>
public sealed class StepMemoTests
{
    private static BuildContext Run() => Contexts.Preview();

    private sealed class Item(string name)
    {
        public string Name { get; } = name;
    }

    [Fact]
    public void Kept_results_are_reused_run_after_run_and_changed_items_worked_on()
    {
        var memo = new StepMemo<Item, string>();
        var items = Enumerable.Range(0, 50).Select(i => new Item($"item {i}")).ToArray();
        var worked = new List<string>();
        string Work(Item item)
        {
            lock (worked) worked.Add(item.Name);
            return item.Name.ToUpperInvariant();
        }

        for (var run = 0; run < 6; run++) // the memo alternates two arrays: several runs use each again
        {
            worked.Clear();
            List<string> expected = run == 0 ? [.. items.Select(i => i.Name)] : [];
            if (run > 0)
            {
                items[run] = new Item($"item {run}, edited in run {run}");
                expected.Add(items[run].Name);
            }
            if (run == 4)
            {
                items = [new Item("new first"), .. items]; // every later item moves one place
                expected.Add("new first");
            }
            var results = Run().Map(items, memo, shared: "same", Work);

            Assert.Equal(items.Select(i => i.Name.ToUpperInvariant()), results);
            Assert.Equal(expected.Order(StringComparer.Ordinal), worked.Order(StringComparer.Ordinal));
            Assert.Equal(worked.Count, memo.Misses);
        }
    }

    [Fact]
    public void Other_shared_inputs_reuse_nothing()
    {
        var memo = new StepMemo<Item, string>();
        Item[] items = [new("a"), new("b")];
        Run().Map(items, memo, shared: "one", i => i.Name);
        Run().Map(items, memo, shared: "other", i => i.Name);
        Assert.Equal(2, memo.Misses);
        Run().Map(items, memo, shared: "other", i => i.Name);
        Assert.Equal(0, memo.Misses);
    }

    [Fact]
    public void A_kept_results_warnings_and_errors_are_reported_again_in_every_run()
    {
        var memo = new StepMemo<Item, string>();
        Item[] items = [new("warns"), new("fails"), new("quiet")];
        for (var run = 0; run < 3; run++)
        {
            var context = Run();
            context.Map(items, memo, shared: null, item =>
            {
                if (item.Name == "warns") context.Report(Diagnostic.Warning(new SourceLocation("warns.md", 2), "a warning"));
                if (item.Name == "fails") context.Report(Diagnostic.Error(new SourceLocation("fails.md", 3), "an error"));
                return item.Name;
            });

            Assert.Equal(run == 0 ? 3 : 0, memo.Misses);
            Assert.True(context.Diagnostics.HasErrors);
            Assert.Equal(("fails.md", 3), Assert.Single(context.Diagnostics.Errors).Location is var at ? (at.File, at.Line) : default);
            Assert.Equal("a warning", Assert.Single(context.Diagnostics.Warnings).Message);
        }
    }

    [Fact]
    public void The_validity_check_is_asked_only_when_what_it_reads_is_not_the_same_as_in_the_last_run()
    {
        var memo = new StepMemo<Item, string>();
        Item[] items = [new("a"), new("b")];
        var (library, stamps) = (new object(), new object());
        var asked = 0;
        ImmutableArray<string> Map(object libraryNow) => Run().Map(items, memo, shared: null, i => i.Name,
            isValid: kept => { Interlocked.Increment(ref asked); return kept != "b" || ReferenceEquals(libraryNow, library); },
            heldWith: [libraryNow, stamps]);

        Map(library);
        Assert.Equal(0, asked); // nothing kept yet
        Map(library);
        Assert.Equal(0, asked); // the same objects: every kept result holds
        Assert.Equal(0, memo.Misses);

        var edited = new object();
        Assert.Equal(["a", "b"], Map(edited).ToArray());
        Assert.Equal(2, asked); // another library: each kept result is asked, and "b" no longer holds
        Assert.Equal(1, memo.Misses);
        Map(edited);
        Assert.Equal(2, asked);
        Assert.Equal(0, memo.Misses);
    }
}
