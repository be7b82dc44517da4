using Express.Site.Cli;
using Spectre.Console;

namespace Express.Site.Tests.Unit;

/// <summary>The command line (System.CommandLine): help and version exit 0, wrong usage exits 2 with a suggestion.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        return (App.Run(args, console), writer.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("build", "--help")]
    [InlineData("serve", "--help")]
    [InlineData("audit", "--help")]
    [InlineData("bench-rebuild", "--help")]
    public void Help_exits_0_for_the_tool_and_each_command(params string[] args)
    {
        var (code, output) = Run(args);
        Assert.True(code == 0, output);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public void Help_lists_the_commands_and_each_command_its_options()
    {
        var tool = Run("--help").Output;
        foreach (var command in new[] { "build", "serve", "audit", "bench-rebuild" }) Assert.Contains(command, tool);
        var serve = Run("serve", "--help").Output;
        foreach (var option in new[] { "--input", "--theme", "--output", "--date", "--port" }) Assert.Contains(option, serve);
        var audit = Run("audit", "--help").Output;
        Assert.Contains("--report", audit);
    }

    [Fact]
    public void Version_exits_0_with_a_version()
    {
        var (code, output) = Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Theory]
    [InlineData("bild", "build")]
    [InlineData("build --inputt x", "--input")]
    [InlineData("serve --prot 5000", "--port")]
    public void A_misspelling_exits_2_with_a_suggestion(string args, string suggestion)
    {
        var (code, output) = Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains("Did you mean", output);
        Assert.Contains(suggestion, output);
    }

    [Theory]
    [InlineData("build", "--input")]
    [InlineData("build", "--date", "24.12.2026")]
    [InlineData("serve", "--port", "70000")]
    [InlineData("serve", "--port", "abc")]
    [InlineData("bench-rebuild")]
    [InlineData("bench-rebuild", "--page", "x.md", "--runs", "0")]
    [InlineData]
    public void Wrong_usage_exits_2(params string[] args) => Assert.Equal(2, Run(args).Code);

    [Fact]
    public void A_bad_date_says_what_a_date_looks_like()
    {
        var (code, output) = Run("build", "--date", "24.12.2026");
        Assert.Equal(2, code);
        Assert.Contains("must be a date like 2026-12-31, not '24.12.2026'", output);
    }

    [Fact]
    public void An_audit_without_a_built_site_is_a_diagnostic_with_a_fix_and_exit_3()
    {
        var empty = Directory.CreateTempSubdirectory("express-no-site-").FullName;
        try
        {
            var (code, output) = Run("audit", "--output", empty);
            Assert.Equal(3, code);
            Assert.Contains($"{empty}: error: there is no built site here to audit", output);
            Assert.Contains("fix: run 'express-site build' first", output);
            Assert.Contains("The audit could not run.", output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
