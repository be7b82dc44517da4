using System.Text.RegularExpressions;
using Express.Site.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Express.Site.Tests.Unit;

/// <summary>
/// The deploy gate, checked the way CI can check it: the GitHub workflows (parsed with YamlDotNet) deploy in one job
/// only, that job needs the job that tests, builds and audits and runs only when it succeeded, it publishes the very
/// output/ that job audited, and Netlify's own builds are off. Plus the schedule and the previews' evidence.
/// </summary>
public sealed partial class DeployWorkflowTests
{
    private static readonly string Workflows = Path.Combine(Paths.Repository, ".github", "workflows");
    private static readonly string Workflow = Path.Combine(Workflows, "ci.yml");

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Get(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Text(YamlNode? node) => (node as YamlScalarNode)?.Value ?? "";

    private static IEnumerable<(string Id, YamlMappingNode Job)> Jobs(YamlMappingNode workflow) =>
        ((YamlMappingNode)Get(workflow, "jobs")!).Children.Select(j => (Text(j.Key), (YamlMappingNode)j.Value));

    private static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        Get(job, "steps") is YamlSequenceNode steps ? [.. steps.Children.Cast<YamlMappingNode>()] : [];

    private static List<string> Needs(YamlMappingNode job) => Get(job, "needs") switch
    {
        YamlScalarNode one => [one.Value ?? ""],
        YamlSequenceNode many => [.. many.Children.Select(Text)],
        _ => [],
    };

    /// <summary>A step that publishes to Netlify: the CLI's deploy command, a Netlify action, or a call to its API.</summary>
    private static bool Deploys(YamlMappingNode step) =>
        DeployCommand().IsMatch(Text(Get(step, "run"))) ||
        Text(Get(step, "uses")).Contains("netlify", StringComparison.OrdinalIgnoreCase) ||
        Text(Get(step, "run")).Contains("api.netlify.com", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"netlify(-cli)?(@[\w.\-""$]+)?""?\s+deploy\b|\$NETLIFY_CLI""?\s+deploy\b|NETLIFY_CLI.*\bdeploy\b")]
    private static partial Regex DeployCommand();

    private static int IndexOf(List<YamlMappingNode> steps, string runContains) =>
        steps.FindIndex(s => Text(Get(s, "run")).Contains(runContains, StringComparison.Ordinal));

    [Fact]
    public void Only_the_deploy_job_of_the_workflow_deploys_and_no_other_workflow_does()
    {
        var deploying = Directory.EnumerateFiles(Workflows, "*.y*ml")
            .SelectMany(file => Jobs(Load(file)).Select(j => (File: Path.GetFileName(file), j.Id, j.Job)))
            .Where(j => Steps(j.Job).Any(Deploys))
            .Select(j => $"{j.File}:{j.Id}").ToList();
        Assert.Equal(["ci.yml:deploy"], deploying);
    }

    [Fact]
    public void The_audit_job_tests_builds_and_audits_in_that_order_and_keeps_that_output()
    {
        var audit = Jobs(Load(Workflow)).Single(j => j.Id == "audit").Job;
        var steps = Steps(audit);
        int test = IndexOf(steps, "dotnet test"), build = IndexOf(steps, "-- build"), run = IndexOf(steps, "-- audit");
        Assert.True(test >= 0 && build > test && run > build, $"test {test}, build {build}, audit {run}");
        Assert.Contains("--output output", Text(Get(steps[run], "run")));
        // A step allowed to fail, or run whatever happened before it, would let a failed check through.
        foreach (var step in steps.Take(run + 1))
        {
            Assert.NotEqual("true", Text(Get(step, "continue-on-error")));
            Assert.DoesNotMatch(@"always\(\)|failure\(\)|cancelled\(\)", Text(Get(step, "if")));
            Assert.DoesNotMatch(@"\|\|\s*true|;\s*true\s*$|set \+e", Text(Get(step, "run")));
        }
        Assert.NotEqual("true", Text(Get(audit, "continue-on-error")));

        // The audited output/ is kept after the audit, and only if everything before passed.
        var keep = steps.FindIndex(s => Text(Get(s, "uses")).StartsWith("actions/upload-artifact", StringComparison.Ordinal) && Text(Get(Get(s, "with"), "name")) == "site");
        Assert.True(keep > run, "the site is kept before it was audited");
        Assert.Equal("output", Text(Get(Get(steps[keep], "with"), "path")));
        Assert.Equal("", Text(Get(steps[keep], "if")));
        Assert.Equal("true", Text(Get(Get(steps[keep], "with"), "include-hidden-files"))); // .well-known/
    }

    [Fact]
    public void The_deploy_job_needs_the_audit_runs_only_on_its_success_and_publishes_what_it_audited()
    {
        var deploy = Jobs(Load(Workflow)).Single(j => j.Id == "deploy").Job;
        Assert.Contains("audit", Needs(deploy));
        var condition = Text(Get(deploy, "if"));
        Assert.StartsWith("success() &&", condition);
        Assert.DoesNotMatch(@"always\(\)|failure\(\)|cancelled\(\)|!\s*cancelled", condition);
        Assert.NotEqual("true", Text(Get(deploy, "continue-on-error")));

        var steps = Steps(deploy);
        Assert.DoesNotContain(steps, s => IndexOf([s], "dotnet") >= 0); // it builds nothing itself
        var take = steps.FindIndex(s => Text(Get(s, "uses")).StartsWith("actions/download-artifact", StringComparison.Ordinal) && Text(Get(Get(s, "with"), "name")) == "site");
        Assert.True(take >= 0, "the deploy does not take the audited site");
        Assert.Equal("output", Text(Get(Get(steps[take], "with"), "path")));
        var deploys = steps.Where(Deploys).ToList();
        Assert.NotEmpty(deploys);
        Assert.All(deploys, s =>
        {
            Assert.True(steps.IndexOf(s) > take);
            var run = Text(Get(s, "run"));
            Assert.Contains("--no-build", run);
            Assert.Contains("--dir output", run);
        });
    }

    [Fact]
    public void Production_comes_from_main_only_and_pull_requests_get_a_preview_with_its_audit_report()
    {
        var workflow = Load(Workflow);
        var deploy = Jobs(workflow).Single(j => j.Id == "deploy").Job;
        var steps = Steps(deploy);
        var production = Assert.Single(steps, s => Text(Get(s, "run")).Contains("--prod", StringComparison.Ordinal));
        Assert.Contains("github.ref == 'refs/heads/main'", Text(Get(production, "if")));
        Assert.Contains("github.event_name != 'pull_request'", Text(Get(production, "if")));
        Assert.Contains("github.ref == 'refs/heads/main'", Text(Get(deploy, "if")));

        var preview = Assert.Single(steps, s => Text(Get(s, "run")).Contains("--alias", StringComparison.Ordinal) && Text(Get(s, "run")).Contains("--dir output", StringComparison.Ordinal));
        Assert.Equal("github.event_name == 'pull_request'", Text(Get(preview, "if")));
        Assert.Contains("--dir audit-report", Text(Get(preview, "run")));
        var comment = Assert.Single(steps, s => Text(Get(s, "run")).Contains("gh pr comment", StringComparison.Ordinal));
        Assert.Contains("steps.preview.outputs.site", Text(Get(comment, "run")));
        Assert.Contains("steps.preview.outputs.report", Text(Get(comment, "run")));
        Assert.Equal("write", Text(Get(Get(deploy, "permissions"), "pull-requests")));

        var on = (YamlMappingNode)Get(workflow, "on")!;
        Assert.NotNull(Get(on, "pull_request"));
        Assert.Equal(["main"], ((YamlSequenceNode)Get(Get(on, "push"), "branches")!).Children.Select(Text));
        // The token is a secret; the site id is not.
        Assert.Equal("${{ secrets.NETLIFY_AUTH_TOKEN }}", Text(Get(Get(deploy, "env"), "NETLIFY_AUTH_TOKEN")));
        Assert.Equal("${{ vars.NETLIFY_SITE_ID }}", Text(Get(Get(deploy, "env"), "NETLIFY_SITE_ID")));
    }

    [Fact]
    public void A_daily_run_early_in_the_oslo_morning_deploys_and_fails_loudly()
    {
        var workflow = Load(Workflow);
        var schedule = (YamlSequenceNode)Get(Get(workflow, "on"), "schedule")!;
        var cron = Text(Get(Assert.Single(schedule.Children), "cron")).Split(' ');
        Assert.Equal(["*", "*", "*"], cron[2..]);
        // UTC; Oslo is UTC+1 in winter and UTC+2 in summer: between 03:00 and 07:00 there all year.
        var hour = int.Parse(cron[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(hour, 2, 4);

        var alert = Jobs(workflow).Single(j => j.Id == "alert").Job;
        Assert.Equal(["audit", "deploy"], Needs(alert));
        Assert.Equal("failure() && github.event_name == 'schedule'", Text(Get(alert, "if")));
        Assert.Contains("gh issue create", Text(Get(Assert.Single(Steps(alert)), "run")));
        Assert.Equal("write", Text(Get(Get(alert, "permissions"), "issues")));
    }

    [Fact]
    public void Netlify_does_not_build_by_itself()
    {
        var toml = File.ReadAllText(Path.Combine(Paths.Repository, "netlify.toml"));
        var build = toml[toml.IndexOf("[build]", StringComparison.Ordinal)..];
        build = build[..build.IndexOf("\n[", 1, StringComparison.Ordinal)];
        // Netlify cancels a build whose ignore command exits 0; the command fails should one run anyway.
        Assert.Matches(@"(?m)^\s*ignore\s*=\s*""exit 0""\s*$", build);
        Assert.Matches(@"(?m)^\s*command\s*=\s*"".*exit 1""\s*$", build);
        Assert.DoesNotContain("[[plugins]]", toml);
    }
}
