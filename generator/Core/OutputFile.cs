namespace Express.Site.Core;

/// <summary>A file for the output folder other than a page: copied from <see cref="CopyFrom"/> or written from <see cref="Content"/>.</summary>
public sealed record OutputFile(string OutputPath, SourceLocation Origin, string? CopyFrom = null, string? Content = null)
{
    public static OutputFile Copy(string outputPath, SourceLocation origin, string fullPath) => new(outputPath, origin, CopyFrom: fullPath);
    public static OutputFile Text(string outputPath, SourceLocation origin, string content) => new(outputPath, origin, Content: content);
}
