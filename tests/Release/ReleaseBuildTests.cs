using System.Text.RegularExpressions;
using Express.Site.Tests.Site;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Release;

/// <summary>
/// The release build (<c>dotnet publish generator -c Release -r linux-x64</c>: one native executable, trimmed and
/// compiled ahead of time) must do exactly what the project build does, which every other test runs: what a
/// library reads by reflection could be trimmed away there and fail, or worse, quietly find nothing. So the real
/// site, the privacy and gating fixtures and every case of tests/Cases are built both ways and compared: exit code,
/// what was printed and every byte of the output.
/// </summary>
public sealed partial class ReleaseBuildTests(ReleaseBuildTests.ReleaseExecutable release) : IClassFixture<ReleaseBuildTests.ReleaseExecutable>
{
    public static TheoryData<string> Sites() => ["real", "privacy", "gating"];

    private static FixtureSite Site(string name) => name switch
    {
        "real" => FixtureSite.RealSite(),
        "privacy" => FixtureSite.PrivacySite(),
        _ => GoldenPrivacy.GatingSite(),
    };

    [Theory]
    [MemberData(nameof(Sites))]
    public void The_release_build_writes_the_same_site_as_the_project_build(string name)
    {
        using var project = Site(name);
        using var native = Site(name);
        var expected = project.Run();
        var actual = native.RunExecutable(release.Path);
        Assert.True(expected.ExitCode == 0, expected.Console);
        AssertSame(project, expected, native, actual);
    }

    [Theory]
    [MemberData(nameof(CaseTests.Cases), MemberType = typeof(CaseTests))]
    public void A_case_ends_the_same_in_the_release_build(CaseTests.CaseName file)
    {
        var (project, _) = CaseTests.Prepare(file.Path);
        var (native, _) = CaseTests.Prepare(file.Path);
        using (project)
        using (native)
            AssertSame(project, project.Run(), native, native.RunExecutable(release.Path));
    }

    [Fact]
    public void The_audit_in_the_release_build_says_how_to_run_it_instead()
    {
        using var site = FixtureSite.RealSite();
        Assert.Equal(0, site.RunExecutable(release.Path).ExitCode);
        var (code, printed) = ProgramRun.Run(release.Path, ["audit", "--output", site.Output, "--report", Path.Combine(site.Root, "report"), "--theme", site.Theme]);
        Assert.Equal(Cli.AuditCommand.CannotRun, code);
        Assert.Contains("dotnet run --project generator -c Release -- audit", printed);
        Assert.DoesNotContain("   at ", printed);
    }

    private static void AssertSame(FixtureSite project, (int ExitCode, string Console) expected, FixtureSite native, (int ExitCode, string Console) actual)
    {
        var (printedExpected, printedActual) = (Comparable(expected.Console, project.Root), Comparable(actual.Console, native.Root));
        Assert.True(expected.ExitCode == actual.ExitCode, $"exit code {actual.ExitCode} in the release build, {expected.ExitCode} in the project build; it printed:\n{actual.Console}");
        Assert.Equal(printedExpected, printedActual);
        Assert.Equal(project.OutputSnapshot().OrderBy(f => f.Key, StringComparer.Ordinal), native.OutputSnapshot().OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(project.TopLevelEntries(), native.TopLevelEntries());
    }

    /// <summary>What a build printed, without what differs between any two runs: the site's folder, the step times and
    /// the build's time, and where long lines wrap (the console is 400 characters wide in-process, 250 when redirected).</summary>
    private static string Comparable(string console, string root)
    {
        var text = console.Replace(root, "SITE", StringComparison.Ordinal);
        text = StepLine().Replace(text, "");
        text = Duration().Replace(text, "in T s");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^  \S.*?\s\d+ ms.*$", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"in \d+(\.\d+)? s\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The release build, published once into a temporary folder (about a minute and a half on two cores).</summary>
    public sealed class ReleaseExecutable : IDisposable
    {
        private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"express-site-release-{Guid.NewGuid():N}");

        public string Path => System.IO.Path.Combine(_folder, "express-site");

        public ReleaseExecutable()
        {
            var (code, printed) = ProgramRun.Run("dotnet", ["publish", System.IO.Path.Combine(Paths.Repository, "generator"), "-c", "Release", "-r", "linux-x64", "-o", _folder, "-nologo"]);
            if (code != 0 || !File.Exists(Path))
                throw new InvalidOperationException($"the release build does not publish (exit code {code}). It links with gcc: "
                                                    + $"install it (Debian: apt-get install gcc).\n{printed}");
        }

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
    }
}
