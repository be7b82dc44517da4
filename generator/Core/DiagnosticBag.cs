using System.Collections.Concurrent;

namespace Express.Site.Core;

/// <summary>Collects diagnostics from parallel work; ordered by location when read.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();
    private int _errors;

    public void Add(Diagnostic diagnostic)
    {
        _items.Enqueue(diagnostic);
        if (diagnostic.Severity == Severity.Error) Interlocked.Increment(ref _errors);
    }

    // Diagnostics reported again with results a step kept from its last run: one list per step, not one item per
    // diagnostic (a preview's rebuild repeats 10,000 warnings when every page lacks a description).
    private readonly ConcurrentQueue<IReadOnlyList<IReadOnlyList<Diagnostic>>> _kept = new();

    /// <param name="errors">how many of them are errors.</param>
    public void AddKept(IReadOnlyList<IReadOnlyList<Diagnostic>> reported, int errors)
    {
        _kept.Enqueue(reported);
        if (errors > 0) Interlocked.Add(ref _errors, errors);
    }

    /// <summary>Asked after every step: counted as they come, not looked for among thousands of warnings.</summary>
    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public IReadOnlyList<Diagnostic> Errors => Sorted(Severity.Error);

    public IReadOnlyList<Diagnostic> Warnings => Sorted(Severity.Warning);

    private List<Diagnostic> Sorted(Severity severity) => _items.Concat(_kept.SelectMany(step => step.SelectMany(item => item)))
        .Where(d => d.Severity == severity)
        .Distinct()
        .OrderBy(d => d.Location.File, StringComparer.Ordinal)
        .ThenBy(d => d.Location.Line)
        .ThenBy(d => d.Location.Column)
        .ToList();
}
