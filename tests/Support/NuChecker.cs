using System.Diagnostics;
using System.Text.Json;

namespace Express.Site.Tests.Support;

/// <summary>
/// The Nu HTML Checker (the W3C's validator, npm package <c>vnu-jar</c>, installed by <c>npm ci</c> from the
/// repository's package.json) run on Java over files. Fails, never skips, when Java or the jar is missing, and
/// says how to install them.
/// </summary>
public static class NuChecker
{
    public static readonly string Jar = Path.Combine(Paths.Repository, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public sealed record Message(string File, int Line, string Text, string Extract);

    /// <summary>The checker names files as file:/path or file:///path.</summary>
    private static string LocalPath(string url)
    {
        if (!url.StartsWith("file:", StringComparison.Ordinal)) return url;
        var path = Uri.UnescapeDataString(url["file:".Length..]);
        while (path.StartsWith("//", StringComparison.Ordinal)) path = path[1..];
        return path;
    }

    /// <summary>The errors the checker reports for <paramref name="files"/> (warnings are not errors).</summary>
    public static IReadOnlyList<Message> Errors(IEnumerable<string> files)
    {
        Assert.True(File.Exists(Jar), $"the Nu HTML Checker is missing ({Jar}): run `npm ci` in the repository");
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // C1 alone compiles enough for one short run at half the CPU of tiered compilation; its frames need a larger stack.
        foreach (var arg in (string[])["-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", Jar, "--errors-only", "--format", "json", "--stdout", .. files])
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Java is missing, which the Nu HTML Checker needs: sudo apt-get install -y default-jre-headless", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(stdout.TrimStart().StartsWith('{'), $"the Nu HTML Checker gave no report (exit {process.ExitCode}): {stdout}{stderr.Result}");
            using var report = JsonDocument.Parse(stdout);
            return [.. report.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
                .Select(m => new Message(
                    LocalPath(m.TryGetProperty("url", out var u) ? u.GetString() ?? "" : ""),
                    m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0,
                    m.GetProperty("message").GetString() ?? "",
                    m.TryGetProperty("extract", out var x) ? x.GetString() ?? "" : ""))];
        }
    }
}
