using System.Collections.Concurrent;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// The text files a step read in the last run of the same pipeline. A file is read again when it may have changed:
/// the watcher reported it (or a folder it is in), or the run is a full build; when its text is still the same, the
/// same <see cref="SourceFile"/> object is returned, so that every later step can reuse what it made from it (see
/// <see cref="StepMemo{TIn,TOut}"/>). A file the watcher did not report is not even looked at: at 10,000 pages,
/// asking the file system for each one's size and time costs more than the rest of a rebuild.
/// </summary>
public sealed class SourceFileCache
{
    private ConcurrentDictionary<string, SourceFile> _previous = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, SourceFile> _current = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _listing;

    /// <summary>
    /// Starts a run: files not read in it are forgotten after it. A run over <paramref name="listing"/>, the same
    /// listing object as last run's (the folder was not listed again), keeps them all, as it reads only what changed.
    /// </summary>
    public void Begin(IReadOnlyList<string>? listing = null)
    {
        _previous = _current;
        if (listing is not null && ReferenceEquals(listing, _listing)) return; // read and kept in the one table
        _current = new ConcurrentDictionary<string, SourceFile>(StringComparer.Ordinal);
        _listing = listing;
    }

    /// <exception cref="SiteException">when the file cannot be read or is not UTF-8.</exception>
    public SourceFile Read(string fullPath, BuildContext context)
    {
        _previous.TryGetValue(fullPath, out var last);
        if (last is not null && !context.MayHaveChanged(fullPath))
        {
            if (!ReferenceEquals(_current, _previous)) _current[fullPath] = last;
            return last;
        }
        var read = TextFileReader.Read(fullPath, context.Display(fullPath));
        var file = last is not null && last.Text == read.Text && last.Path == read.Path ? last : read;
        _current[fullPath] = file;
        return file;
    }
}
