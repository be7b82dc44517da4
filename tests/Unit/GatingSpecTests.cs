using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Reading;
using Express.Site.Steps.Check;
using Express.Site.Steps.Render;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// Runs tests/Golden/gating/spec.md, the consent gating's spec by example (in the manner of Markdig's and CommonMark's
/// spec files): each example's input becomes its output, or stops with its error. The static leak audit, which shares
/// the reading but not the decisions, must find a leak in what the gating changes and nothing in what it publishes.
/// </summary>
public sealed class GatingSpecTests
{
    private static readonly string SpecPath = Path.Combine(Paths.Golden, "gating", "spec.md");
    private const string Fence = "````````````````````````````````";

    private static readonly ConsentGating Gating = new(GoldenPrivacy.Gating, null, [],
        (vendor, _) => $"<div class=\"placeholder\" data-for=\"{vendor.Id}\">{vendor.Name}</div>");

    private static readonly StaticLeakAudit Audit = new(GoldenPrivacy.Gating, "www.express.no");

    /// <summary>Refusals of code or forms that load nothing by themselves: the audit rightly finds no leak in them.</summary>
    private static readonly HashSet<string> RefusedWithoutLeak = ["A form that posts to another site", "Gated for unknown vendor"];

    public sealed record Example(string Name, int SpecLine, string Input, string Expected)
    {
        public override string ToString() => $"{Name} (spec.md:{SpecLine})";
    }

    public static TheoryData<Example> Examples()
    {
        var lines = File.ReadAllLines(SpecPath);
        var examples = new TheoryData<Example>();
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal)) heading = lines[i][3..];
            if (lines[i] != Fence + " example") continue;
            var start = i + 1;
            var end = Array.IndexOf(lines, Fence, start);
            var dot = Array.IndexOf(lines, ".", start, end - start);
            examples.Add(new Example(heading, start, string.Join('\n', lines[start..dot]), string.Join('\n', lines[(dot + 1)..end])));
            i = end;
        }
        return examples;
    }

    [Fact]
    public void The_spec_has_examples_of_every_kind()
    {
        var all = ((IEnumerable<object[]>)Examples()).Select(row => (Example)row[0]).ToList();
        Assert.True(all.Count >= 55, $"only {all.Count} examples");
        Assert.Contains(all, e => e.Expected.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(all, e => !e.Expected.StartsWith("error:", StringComparison.Ordinal) && e.Expected != e.Input);
        Assert.Contains(all, e => e.Expected == e.Input);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Gates_or_refuses_as_the_spec_says(Example example)
    {
        var (output, problems) = Apply(example.Input);
        if (example.Expected.StartsWith("error:", StringComparison.Ordinal))
        {
            var expected = example.Expected.Split('\n');
            Assert.True(problems.Count > 0, $"no error; the output is:\n{output}");
            var problem = problems.FirstOrDefault(p => p.Message.Contains(expected[1], StringComparison.Ordinal));
            Assert.True(problem is not null, $"no error says '{expected[1]}'; the errors are:\n{string.Join('\n', problems)}");
            Assert.Equal(expected[0], $"error: line {problem.At.Line}");
            Assert.Equal("spec.md", problem.At.File);
            if (expected.Length > 2) Assert.Contains(expected[2], problem.Fix);
            return;
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(example.Expected.Trim(), output.Trim());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_leak_audit_agrees(Example example)
    {
        var refused = example.Expected.StartsWith("error:", StringComparison.Ordinal);
        if (!refused) Assert.Empty(Audit.AuditDocument(Document(example.Expected), "test/index.html"));
        if ((refused && !RefusedWithoutLeak.Contains(example.Name)) || (!refused && example.Expected.Trim() != Serialized(example.Input).Trim()))
            Assert.NotEmpty(Audit.AuditDocument(Document(example.Input), "test/index.html"));
    }

    internal static string Document(string body) =>
        body.StartsWith("<head>", StringComparison.Ordinal) ? $"<!DOCTYPE html><html>{body}</html>" : $"<!DOCTYPE html><html><head></head><body>{body}</body></html>";

    /// <summary>The input as the serializer writes it back, without gating.</summary>
    internal static string Serialized(string input)
    {
        using var document = DocumentReader.ParseDom(Document(input));
        return input.StartsWith("<head>", StringComparison.Ordinal) ? document.DocumentElement.InnerHtml : document.Body!.InnerHtml;
    }

    internal static (string Output, List<PageProblem> Problems) Apply(string input)
    {
        var page = new Page(new SourceFile("spec.md", SpecPath, input)) { Url = "/test/", OutputPath = "test/index.html" };
        var reading = DocumentReader.Read(DocumentReader.Parse(Document(input)), new AngleSharp.Dom.Url("https://www.express.no/test/"), "www.express.no");
        var problems = new List<PageProblem>();
        var edits = new PageEdits();
        Gating.Apply(reading, page, problems, edits);
        using var document = DocumentReader.ParseDom(Document(input));
        edits.ApplyTo(document, reading);
        var output = input.StartsWith("<head>", StringComparison.Ordinal) ? document.DocumentElement.InnerHtml : document.Body!.InnerHtml;
        return (output, problems);
    }
}
