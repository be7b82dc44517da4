namespace Express.Site.Core;

/// <summary>Turns an error of the file system into a diagnostic an editor can act on (no stack trace).</summary>
public static class FileError
{
    public static Diagnostic Diagnostic(string displayPath, Exception e) =>
        Core.Diagnostic.Error(new SourceLocation(displayPath), $"cannot read or write {displayPath}: {Reason(e)}", Fix(e));

    public static SiteException Exception(string displayPath, Exception e) => new(Diagnostic(displayPath, e));

    /// <summary>The operating system's message without .NET's wording around it.</summary>
    public static string Reason(Exception e) => e.Message;

    public static string Fix(Exception e) => e switch
    {
        UnauthorizedAccessException => "check the file's and its folder's permissions (the user running the build must be allowed to read and write them)",
        PathTooLongException => "shorten the file or folder name (at most 255 bytes per name)",
        FileNotFoundException or DirectoryNotFoundException => "check that the file exists; a link (symlink) must point to an existing file",
        _ when e.HResult == 28 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "free disk space and build again",
        _ => "check that the file is a regular, readable file and that the disk is writable and not full; then build again",
    };
}
