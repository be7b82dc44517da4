using System.Collections.Concurrent;
using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Read;

/// <summary>
/// The text files a step read in the last run of the same pipeline. A file is read again when the watcher reported
/// it or its size or time changed; when its text is still the same, the same <see cref="SourceFile"/> object is
/// returned, so that every later step can reuse what it made from it (see <see cref="StepMemo{TIn,TOut}"/>).
/// </summary>
public sealed class SourceFileCache
{
    private sealed record Entry(long Length, DateTime Written, SourceFile File);

    private ConcurrentDictionary<string, Entry> _previous = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);

    /// <summary>Starts a run: files not read in it are forgotten after it.</summary>
    public void Begin()
    {
        _previous = _current;
        _current = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
    }

    /// <exception cref="SiteException">when the file cannot be read or is not UTF-8.</exception>
    public SourceFile Read(string fullPath, BuildContext context)
    {
        var info = new FileInfo(fullPath);
        var (length, written) = info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
        _previous.TryGetValue(fullPath, out var last);
        if (last is not null && !context.MayHaveChanged(fullPath) && last.Length == length && last.Written == written)
        {
            _current[fullPath] = last;
            return last.File;
        }
        var read = TextFileReader.Read(fullPath, context.Display(fullPath));
        var file = last is not null && last.File.Text == read.Text && last.File.Path == read.Path ? last.File : read;
        _current[fullPath] = new Entry(length, written, file);
        return file;
    }
}
