using Express.Site.Core;
using Microsoft.Playwright;

namespace Express.Site.Audit;

/// <summary>
/// Starts a headless Chromium for the audit and the browser tests: the one named by EXPRESS_CHROMIUM, else the
/// system's Chromium headless shell, Chromium or Chrome (Debian's /usr/bin/chromium-headless-shell on CI), else
/// Playwright's own (installed on demand where there is internet). Browser tests never skip: without a browser they
/// fail and say how to install one.
/// </summary>
public static class ChromiumLauncher
{
    public const string EnvironmentVariable = "EXPRESS_CHROMIUM";

    /// <summary>
    /// The headless shell first: the same Blink, V8 and network stack as Chromium without the desktop browser around
    /// them, and what Playwright itself runs for headless Chromium. Here it takes a third less time over the survey.
    /// </summary>
    private static readonly string[] SystemBrowsers =
        ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium"];

    /// <summary>Flags for a quiet, reproducible browser that contacts nobody by itself.</summary>
    private static readonly string[] Flags =
        ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = FindExecutable();
        if (executable is not null)
            return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Args = Flags, Headless = true });

        try
        {
            return await playwright.Chromium.LaunchAsync(new() { Args = Flags, Headless = true });
        }
        catch (PlaywrightException)
        {
            // Playwright's own browser is not there yet: try to download it (works only with internet access).
            if (Microsoft.Playwright.Program.Main(["install", "chromium"]) == 0)
                return await playwright.Chromium.LaunchAsync(new() { Args = Flags, Headless = true });
        }
        throw new SiteException(new SourceLocation("(audit)"), "there is no Chromium or Chrome to run the audit in",
            "install one: 'sudo apt-get install -y chromium-headless-shell' (Debian/Ubuntu; 'chromium' works too); or set " + EnvironmentVariable + " to a Chrome or Chromium " +
            "executable; or, with internet access, run 'pwsh tests/bin/Debug/net10.0/playwright.ps1 install chromium'");
    }

    private static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured
                : throw new SiteException(new SourceLocation("(audit)"), $"{EnvironmentVariable} names '{configured}', which does not exist",
                    $"set {EnvironmentVariable} to the path of a Chrome or Chromium executable, or unset it to use the system's Chromium");
        return SystemBrowsers.FirstOrDefault(File.Exists);
    }
}
