using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Output;

/// <summary>
/// A check of the written files: each file it wants is read back from the staging folder right after it is written,
/// before the folder replaces the output. A finding stops the swap, so the previous output stays as it was.
/// </summary>
public interface IOutputCheck
{
    /// <summary>Prepares the check for one build; the result checks one written file at a time, from any thread.</summary>
    IOutputFileCheck For(SiteState site);
}

public interface IOutputFileCheck
{
    /// <summary>Whether the check reads the file with this output path (e.g. "kontakt/index.html").</summary>
    bool Wants(string outputPath);

    /// <summary>Every problem in the written file at <paramref name="fullPath"/>, published at <paramref name="outputPath"/>.</summary>
    IReadOnlyList<Diagnostic> Check(string fullPath, string outputPath);
}
