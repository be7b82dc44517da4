using System.IO.Compression;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>The consent manager stays tiny: script plus styles at most 5 KB gzipped (vanilla-cookieconsent is 15.5 KB).</summary>
public sealed class ConsentBudgetTests
{
    private static readonly string Assets = Path.Combine(Paths.Repository, "themes", "express", "assets");

    private static long GzippedSize(string path)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(File.ReadAllBytes(path));
        return buffer.Length;
    }

    [Fact]
    public void Script_and_styles_fit_in_5_KB_gzipped()
    {
        var total = GzippedSize(Path.Combine(Assets, "js", "consent.js")) + GzippedSize(Path.Combine(Assets, "css", "consent.css"));
        Assert.InRange(total, 1000, 5 * 1024);
    }

    [Fact]
    public void The_script_has_no_eval_and_no_inline_handlers()
    {
        var script = File.ReadAllText(Path.Combine(Assets, "js", "consent.js"));
        foreach (var banned in (string[])["eval(", "new Function", "innerHTML", "setAttribute('on", "setAttribute(\"on", "setAttribute('style"])
            Assert.DoesNotContain(banned, script);
    }
}
