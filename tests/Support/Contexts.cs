using Express.Site.Core;
using Express.Site.Pipeline;

namespace Express.Site.Tests.Support;

/// <summary>Build contexts for steps and pipeline parts run on a site made in memory (no folder is read or written).</summary>
internal static class Contexts
{
    public static BuildOptions NoFolders => new("/in", "/theme", "/out", FixtureSite.Today);

    /// <summary>A one-off build's context: it keeps nothing for a next run.</summary>
    public static BuildContext OneOff() => new(NoFolders, IBuildReporter.Silent);

    /// <summary>The preview's context: steps keep what they made for the next run.</summary>
    public static BuildContext Preview() => new(NoFolders, IBuildReporter.Silent) { RunsAgain = true };
}
