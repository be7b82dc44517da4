using Express.Site.Core;
using Express.Site.Pipeline;
using Express.Site.Steps.Write;

namespace Express.Site.Tests.Unit;

public sealed class OutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("express-swap-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// The preview's server reads the output while a full rebuild replaces it: it must find the old site or the new
    /// one, never no site (it once answered 404 between the swap's two renames). A reader checks without pause while
    /// the output is replaced 300 times; with two renames it finds the output missing within a few swaps. (Linux only:
    /// elsewhere the swap is two renames.)
    /// </summary>
    [Fact]
    public void A_reader_never_finds_the_output_missing_while_it_is_replaced()
    {
        var output = Path.Combine(_root, "output");
        var context = new BuildContext(new BuildOptions(Path.Combine(_root, "input"), Path.Combine(_root, "theme"), output, DateTime.UtcNow), IBuildReporter.Silent);
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "index.html"), "0");

        var missing = 0;
        var reads = 0L;
        using var done = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                if (!File.Exists(Path.Combine(output, "index.html"))) Interlocked.Increment(ref missing);
                Interlocked.Increment(ref reads);
            }
        });
        reader.Start();
        for (var i = 1; i <= 300; i++)
        {
            var staging = OutputFolder.NewStaging(output);
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "index.html"), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            OutputFolder.Swap(staging, output, context);
        }
        done.Cancel();
        reader.Join();

        Assert.True(reads > 300, $"the reader read only {reads} times");
        Assert.Equal(0, missing);
        Assert.Equal("300", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Equal(["output"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
        Assert.False(context.Diagnostics.HasErrors);
    }

    /// <summary>
    /// A full build surveys the previous output while it renders (OutputSurvey). What was added to the output after the
    /// survey is deleted with the rest at the swap.
    /// </summary>
    [Fact]
    public async Task The_swap_after_a_survey_deletes_what_was_added_since()
    {
        var output = Path.Combine(_root, "output");
        var context = new BuildContext(new BuildOptions(Path.Combine(_root, "input"), Path.Combine(_root, "theme"), output, DateTime.UtcNow), IBuildReporter.Silent);
        Directory.CreateDirectory(Path.Combine(output, "old"));
        File.WriteAllText(Path.Combine(output, "old", "index.html"), "old");
        var survey = new OutputSurvey();
        survey.Start(output, context.Display);
        await survey.Pending!; // done before the output changes
        Directory.CreateDirectory(Path.Combine(output, "added", "later"));
        File.WriteAllText(Path.Combine(output, "added", "later", "index.html"), "added");

        var staging = OutputFolder.NewStaging(output);
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "index.html"), "new");
        OutputFolder.Swap(staging, output, context, survey);

        Assert.Equal(["index.html"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Equal(["output"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
        Assert.False(context.Diagnostics.HasErrors);
    }
}
