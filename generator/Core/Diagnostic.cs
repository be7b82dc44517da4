namespace Express.Site.Core;

public enum Severity { Warning, Error }

/// <summary>One problem found in the input: where, what, and how to fix it.</summary>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Message, string? Fix = null)
{
    public static Diagnostic Error(SourceLocation at, string message, string? fix = null) => new(Severity.Error, at, message, fix);
    public static Diagnostic Warning(SourceLocation at, string message, string? fix = null) => new(Severity.Warning, at, message, fix);

    public override string ToString()
    {
        var text = $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
        return Fix is null ? text : $"{text}\n    fix: {Fix}";
    }
}

/// <summary>Thrown by code deep in a step to report one input error; the pipeline turns it into a diagnostic.</summary>
public sealed class SiteException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;

    public SiteException(SourceLocation at, string message, string? fix = null) : this(Diagnostic.Error(at, message, fix)) { }
}

/// <summary>The build stopped because of input errors; every one of them is listed.</summary>
public sealed class BuildFailedException(IReadOnlyList<Diagnostic> errors)
    : Exception($"The build failed with {errors.Count} error(s).")
{
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
}
