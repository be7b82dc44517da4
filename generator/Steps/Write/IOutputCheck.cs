using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Write;

/// <summary>
/// A check of the written files, the last link of the output chain (transform, write, check): each file it wants is
/// read back from the staging folder right after it is written, before the folder replaces the output. A finding stops
/// the swap, so the previous output stays as it was. Register a new check in <see cref="SiteBuilder"/>.
/// </summary>
public interface IOutputCheck
{
    /// <summary>Prepares the check for one build; the result checks one written file at a time, from any thread.</summary>
    IOutputFileCheck For(SiteState site);

    /// <summary>
    /// Whether a file that did not change may get another verdict in <paramref name="now"/> than in
    /// <paramref name="before"/>. The preview writes only changed files and re-checks the others only then. By
    /// default: when the data files changed (the privacy facts and the settings are made from them).
    /// </summary>
    bool MayJudgeDifferently(SiteState before, SiteState now) => !now.SameDataAs(before);
}

public interface IOutputFileCheck
{
    /// <summary>Whether the check reads the file with this output path (e.g. "kontakt/index.html").</summary>
    bool Wants(string outputPath);

    /// <summary>Every problem in the written file at <paramref name="fullPath"/>, published at <paramref name="outputPath"/>.</summary>
    IReadOnlyList<Diagnostic> Check(string fullPath, string outputPath);
}
