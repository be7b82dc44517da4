using Express.Site.Core;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// Golden tests for the template steps: each tests/Golden/layouts/CASE has input/ and theme/; after a build every
/// file under expected/ must equal the output file at the same path, byte for byte.
/// </summary>
public sealed class LayoutGoldenTests
{
    public static TheoryData<string> Cases() =>
        [.. Directory.GetDirectories(Path.Combine(Paths.Golden, "layouts")).Select(d => Path.GetFileName(d)!).Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Builds_as_expected(string name)
    {
        var folder = Path.Combine(Paths.Golden, "layouts", name);
        var output = Path.Combine(Path.GetTempPath(), $"express-golden-{Guid.NewGuid():N}");
        try
        {
            SiteBuilder.Build(new BuildOptions(Path.Combine(folder, "input"), Path.Combine(folder, "theme"), output, FixtureSite.Today));
            var expectedFolder = Path.Combine(folder, "expected");
            foreach (var expected in Directory.GetFiles(expectedFolder, "*", SearchOption.AllDirectories))
                Assert.Equal(File.ReadAllText(expected), File.ReadAllText(Path.Combine(output, Path.GetRelativePath(expectedFolder, expected))));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
    }
}
