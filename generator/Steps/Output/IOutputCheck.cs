using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Steps.Output;

/// <summary>
/// A check of the written files, run on the staging folder before it replaces the output: a finding stops the swap,
/// so the previous output stays as it was.
/// </summary>
public interface IOutputCheck
{
    /// <summary>Every problem in the files under <paramref name="folder"/>; <paramref name="display"/> is how to name that folder.</summary>
    IReadOnlyList<Diagnostic> Check(string folder, string display, SiteState site, BuildContext context);
}
