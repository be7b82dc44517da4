namespace Express.Site.Core;

/// <summary>A place in a source file, 1-based. Line 0 means "the whole file".</summary>
public readonly record struct SourceLocation(string File, int Line = 0, int Column = 0)
{
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    public SourceLocation Offset(int lines) => this with { Line = Line + lines };
}
