using System.Text.RegularExpressions;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>
/// Runs every case file of tests/Cases (the format is in tests/Cases/README.md): copies the folder's fixture site,
/// writes and deletes what the case says, builds through the command line and compares what it printed with the
/// case's '-- expect --' section. A failing build must also fail cleanly: exit code 1, no stack trace, a fix,
/// the previous output exactly as it was and nothing left beside it.
/// </summary>
public sealed partial class CaseTests(CaseTests.GoodOutputs goodOutputs) : IClassFixture<CaseTests.GoodOutputs>
{
    public static readonly string Folder = Path.Combine(Paths.Tests, "Cases");

    /// <summary>Each folder of cases and the fixture site its cases change.</summary>
    private static readonly Dictionary<string, Func<FixtureSite>> Fixtures = new()
    {
        ["bad-input"] = () => new FixtureSite(),
        ["privacy"] = FixtureSite.PrivacySite,
        ["gating"] = GoldenPrivacy.GatingSite,
    };

    /// <summary>The case files, as paths under tests/Cases ("bad-input/unknown-layout.txtar").</summary>
    public static List<string> CaseNames() =>
    [
        .. Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Where(name => name != "README.md")
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<CaseName> Cases() => [.. CaseNames().Select(name => new CaseName(name))];

    /// <summary>A case's path under tests/Cases, as the test's name shows it in full (xUnit cuts a string argument
    /// after 50 characters).</summary>
    public sealed class CaseName : Xunit.Abstractions.IXunitSerializable
    {
        public string Path { get; private set; } = "";

        public CaseName() { } // for xUnit's deserialisation

        public CaseName(string path) => Path = path;

        public void Deserialize(Xunit.Abstractions.IXunitSerializationInfo info) => Path = info.GetValue<string>(nameof(Path));

        public void Serialize(Xunit.Abstractions.IXunitSerializationInfo info) => info.AddValue(nameof(Path), Path);

        public override string ToString() => Path;
    }

    [Fact]
    public void Every_case_file_is_a_txtar_file_in_a_folder_with_a_fixture()
    {
        var names = CaseNames();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            Assert.True(name.EndsWith(".txtar", StringComparison.Ordinal), $"{name}: a case file ends in .txtar");
            Assert.True(Fixtures.ContainsKey(name.Split('/')[0]), $"{name}: the folder must be one of {string.Join(", ", Fixtures.Keys)}");
        }
    }

    /// <summary>A copy of the fixture site of the case's folder, changed as the case says.</summary>
    public static (FixtureSite Site, CaseFile Case) Prepare(string name, string? previousOutput = null)
    {
        var test = CaseFile.Parse(name, File.ReadAllText(Path.Combine(Folder, name)));
        var site = Fixtures[name.Split('/')[0]]();
        if (previousOutput is not null) FixtureSite.CopyFolder(previousOutput, site.Output);
        foreach (var path in test.Deletes)
        {
            var full = Path.Combine(site.Root, path);
            Assert.True(File.Exists(full), $"{name}: '-- delete: {path} --' names no file of the fixture");
            File.Delete(full);
        }
        foreach (var (path, text) in test.Writes) site.Write(path, text);
        return (site, test);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(CaseName file)
    {
        var name = file.Path;
        var good = goodOutputs.For(name.Split('/')[0]);
        var (site, test) = Prepare(name, good.Output);
        using var _ = site;
        var previousOutput = site.OutputSnapshot(); // the case changes input/ and theme/ only

        var (code, console) = site.Run();
        var actual = Diagnostics(console).Where(d => !good.Warnings.Contains(d.Line)).ToList(); // what the case adds
        var expected = Expected(name, test.Expect);
        var context = $"\n\nin {Path.Combine("tests", "Cases", name)} ({test.Comment.Split('\n')[0].TrimStart('#', ' ')})\n\nthe build printed:\n{console}";

        Assert.True(expected.Select(e => e.Line).SequenceEqual(actual.Select(a => a.Line)),
            $"{name}: the diagnostics differ.\nexpected:\n  {string.Join("\n  ", expected.Select(e => e.Line))}\nactual:\n  {string.Join("\n  ", actual.Select(a => a.Line))}{context}");
        foreach (var (e, a) in expected.Zip(actual))
            foreach (var fix in e.Fixes)
                Assert.True(a.Fix.Contains(fix, StringComparison.Ordinal), $"{name}: the fix of '{e.Line}' lacks '{fix}'; it is:\n  {a.Fix}{context}");

        var errors = expected.Count(e => e.Line.Contains(": error: ", StringComparison.Ordinal));
        if (errors == 0)
        {
            Assert.True(code == 0, $"{name}: the build should succeed, with exit code 0, but it exited with {code}{context}");
            return;
        }
        Assert.True(code == 1, $"{name}: the build should fail with exit code 1, but it exited with {code}{context}");
        Assert.True(console.Contains($"The build failed with {errors} error(s)", StringComparison.Ordinal), $"{name}: the build should fail with {errors} error(s){context}");
        Assert.DoesNotContain("   at ", console); // no stack trace
        Assert.DoesNotContain("Exception", console);
        foreach (var error in actual.Where(a => a.Line.Contains(": error: ", StringComparison.Ordinal)))
            Assert.True(error.Fix.Trim().Length > 0, $"{name}: the error '{error.Line}' has no fix{context}");
        Assert.True(previousOutput.OrderBy(f => f.Key, StringComparer.Ordinal).SequenceEqual(site.OutputSnapshot().OrderBy(f => f.Key, StringComparer.Ordinal)), $"{name}: the failed build changed the previous output{context}");
        Assert.Equal(["input", "output", "theme"], site.TopLevelEntries());
    }

    /// <summary>A diagnostic as printed ("LOCATION: error: MESSAGE") and its fix (the text after "fix:" and any lines
    /// that continue it).</summary>
    private sealed record Printed(string Line, string Fix);

    private sealed record Expectation(string Line, List<string> Fixes);

    [GeneratedRegex(@"^\S+: (error|warning): ")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"^The build failed with \d+ error|^\s+\.\.\. and \d+ more like this")]
    private static partial Regex EndOfFix();

    private static List<Printed> Diagnostics(string console)
    {
        var printed = new List<Printed>();
        string? line = null;
        List<string>? fix = null;
        foreach (var text in console.Replace("\r", "").Split('\n'))
        {
            if (DiagnosticLine().IsMatch(text) || EndOfFix().IsMatch(text) || text.Trim().Length == 0)
            {
                if (line is not null) printed.Add(new Printed(line, string.Join('\n', fix!)));
                line = DiagnosticLine().IsMatch(text) ? text.TrimEnd() : null;
                fix = [];
            }
            else if (line is not null && fix!.Count == 0 && text.TrimStart().StartsWith("fix: ", StringComparison.Ordinal)) fix.Add(text.Trim()["fix: ".Length..]);
            else if (line is not null && fix!.Count > 0) fix.Add(text.TrimEnd());
            else if (line is not null)
            {
                printed.Add(new Printed(line, ""));
                line = null;
            }
        }
        if (line is not null) printed.Add(new Printed(line, string.Join('\n', fix!)));
        return printed;
    }

    /// <summary>The whole '-- expect --' section of a case whose build succeeds without an error or a warning.</summary>
    private const string NoDiagnostics = "no diagnostics";

    private static List<Expectation> Expected(string file, IReadOnlyList<string> lines)
    {
        if (lines is [NoDiagnostics]) return [];
        var expected = new List<Expectation>();
        foreach (var line in lines)
        {
            if (line.StartsWith("fix:", StringComparison.Ordinal))
            {
                if (expected.Count == 0) throw new FormatException($"{file}: a 'fix:' line must follow the diagnostic it belongs to");
                expected[^1].Fixes.Add(line["fix:".Length..].Trim());
            }
            else if (DiagnosticLine().IsMatch(line)) expected.Add(new Expectation(line, []));
            else throw new FormatException($"{file}: '{line}' in '-- expect --' is neither 'FILE:LINE[:COLUMN]: error|warning: MESSAGE' nor 'fix: TEXT' (nor, alone, '{NoDiagnostics}')");
        }
        return expected;
    }

    /// <summary>What one good build of a fixture left: its output and the warnings it printed.</summary>
    public sealed record GoodBuild(string Output, IReadOnlySet<string> Warnings);

    /// <summary>One good build of each fixture: its output is copied into every case's site as "the previous output",
    /// and its warnings (the fixture's own, such as a draft without a description) are not the case's.</summary>
    public sealed class GoodOutputs : IDisposable
    {
        private readonly Dictionary<string, (FixtureSite Site, GoodBuild Build)> _built = [];
        private readonly Lock _lock = new();

        public GoodBuild For(string folder)
        {
            lock (_lock)
            {
                if (!_built.TryGetValue(folder, out var built))
                {
                    var site = Fixtures[folder]();
                    var (code, console) = site.Run();
                    Assert.True(code == 0, $"the fixture of tests/Cases/{folder} does not build:\n{console}");
                    built = (site, new GoodBuild(site.Output, Diagnostics(console).Select(d => d.Line).ToHashSet(StringComparer.Ordinal)));
                    _built[folder] = built;
                }
                return built.Build;
            }
        }

        public void Dispose()
        {
            foreach (var (site, _) in _built.Values) site.Dispose();
        }
    }
}
