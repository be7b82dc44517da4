namespace Express.Site.Core;

/// <summary>A text file read from disk. <see cref="Path"/> is relative to the project folder, with '/' separators,
/// so that it can be shown in messages as the editor knows it (e.g. "input/kontakt.md").</summary>
public sealed record SourceFile(string Path, string FullPath, string Text)
{
    public SourceLocation At(int line = 0, int column = 0) => new(Path, line, column);
}
