using System.Globalization;

namespace Express.Site.Cli;

/// <summary>The parsed command line: a command and its options.</summary>
public sealed record CommandLine(string Command, IReadOnlyDictionary<string, string> Options)
{
    public const string Usage = """
        Usage: express-site <command> [options]

        Commands:
          build    Build the site into the output folder.
          serve    Build, serve on 127.0.0.1 with live reload, and rebuild on every change (Ctrl+C stops).
          audit    Visit the built site in Chromium in every consent state and report anything stored or sent
                   without consent or missing from the declaration (exit code 1 when there is).

          bench-rebuild  Measure full builds against the preview's rebuild after one page's edit (--page FILE, --runs N).

        Options of build:
          --input DIR      the content folder (default: input)
          --theme DIR      the theme folder (default: themes/express)
          --output DIR     where the site is written (default: output); replaced only when the build succeeds
          --date YYYY-MM-DD  build as if today were this date (to preview expiry of pages and job ads)

        Options of serve: those of build, and
          --port N         the port to serve on (default: 5080)

        Options of audit:
          --output DIR     the built site to audit (default: output)
          --report DIR     where report.json, index.html and screenshots are written (default: audit-report)
        """;

    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["build"] = ["--input", "--theme", "--output", "--date"],
        ["serve"] = ["--input", "--theme", "--output", "--date", "--port"],
        ["audit"] = ["--output", "--report"],
        ["bench-rebuild"] = ["--input", "--theme", "--output", "--page", "--runs"],
    };

    /// <exception cref="FormatException">with a message for the user when the arguments are wrong.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            throw new FormatException("no command given");
        var command = args[0];
        if (!Known.TryGetValue(command, out var allowed))
            throw new FormatException($"unknown command '{command}'");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            var value = (string?)null;
            if (name.Contains('=')) (name, value) = (name[..name.IndexOf('=')], name[(name.IndexOf('=') + 1)..]);
            if (!allowed.Contains(name)) throw new FormatException($"unknown option '{name}' for '{command}'");
            value ??= i + 1 < args.Count ? args[++i] : throw new FormatException($"option '{name}' needs a value");
            options[name] = value;
        }
        return new CommandLine(command, options);
    }

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public DateTime? DateOption(string name) => Option(name) is not { } text ? null
        : DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new FormatException($"option '{name}' must be a date like 2026-12-31, not '{text}'");
}
