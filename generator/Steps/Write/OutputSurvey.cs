namespace Express.Site.Steps.Write;

/// <summary>
/// The previous output as a full build finds it: its tree, and whether every folder in it lets its files be deleted
/// (<see cref="OutputFolder.Swap"/> needs both). Walking thousands of folders is a few percent of a build, so a step
/// before the templates starts it on a thread of its own (<see cref="SurveyOutput"/>) and the write step takes the
/// result at the swap, when it is long done.
/// </summary>
public sealed class OutputSurvey
{
    private (string Output, Task<FolderTree> Tree)? _started;

    /// <summary>Starts surveying <paramref name="output"/>, when it exists.</summary>
    public void Start(string output, Func<string, string> display)
    {
        _started = Directory.Exists(output) ? (output, Task.Run(() => OutputFolder.Survey(output, display))) : null;
    }

    /// <summary>The survey started and not yet taken (for tests).</summary>
    internal Task<FolderTree>? Pending => _started?.Tree;

    /// <summary>The survey of <paramref name="output"/> when one was started (null otherwise), once it is done. Its
    /// errors are those of <see cref="OutputFolder.Survey"/>, thrown here.</summary>
    public FolderTree? Take(string output)
    {
        var started = _started;
        _started = null;
        return started is { } s && s.Output == output ? s.Tree.GetAwaiter().GetResult() : null;
    }
}
