namespace Express.Site.Tests.Support;

/// <summary>Folders of the repository, found from the test assembly's location.</summary>
public static class Paths
{
    public static readonly string Repository = FindRepository();
    public static readonly string Tests = Path.Combine(Repository, "tests");
    public static readonly string Fixtures = Path.Combine(Tests, "Fixtures");
    public static readonly string Golden = Path.Combine(Tests, "Golden");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Express.Site.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find Express.Site.sln above " + AppContext.BaseDirectory);
    }
}
