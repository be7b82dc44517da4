using AngleSharp.Html.Parser;
using Express.Site.Core;
using Express.Site.Privacy;
using Express.Site.Steps.Consent;
using Express.Site.Steps.Html;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// Spec-style golden tests for the consent gating, one pair of files per kind of element: tests/Golden/gating/NAME.html
/// (a page body, with the vendors of tests/Golden/gating/privacy.yml) becomes NAME.expected.html, or fails with the
/// message, fix and line in NAME.error.txt. The fast scan must want exactly the pages the gating changes.
/// </summary>
public sealed class GatingGoldenTests
{
    private static readonly string Folder = Path.Combine(Paths.Golden, "gating");

    private static readonly PrivacyData Privacy = GoldenPrivacy.Gating;

    private static readonly ConsentGating Gating = new(Privacy, "www.express.no", null,
        (vendor, _) => $"<div class=\"placeholder\" data-for=\"{vendor.Id}\">{vendor.Name}</div>");

    public static TheoryData<string> Rewrites() => Cases("*.expected.html", ".expected.html");

    public static TheoryData<string> Errors() => Cases("*.error.txt", ".error.txt");

    private static TheoryData<string> Cases(string pattern, string suffix) =>
        [.. Directory.GetFiles(Folder, pattern).Select(f => Path.GetFileName(f)[..^suffix.Length]).Order()];

    private static (Page Page, string Body) Load(string name)
    {
        var path = Path.Combine(Folder, name + ".html");
        var body = File.ReadAllText(path);
        return (new Page(new SourceFile($"tests/Golden/gating/{name}.html", path, body)) { Url = "/test/" }, body);
    }

    private static string Apply(Page page, string body)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true })
            .ParseDocument($"<!DOCTYPE html><html><head></head><body>{body}</body></html>");
        Gating.Apply(document, page);
        return document.Body!.InnerHtml.Trim();
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public void Rewrites_as_expected(string name)
    {
        var (page, body) = Load(name);
        var expected = File.ReadAllText(Path.Combine(Folder, name + ".expected.html")).Trim();
        Assert.Equal(expected, Apply(page, body));
        Assert.Equal(expected != body.Trim(), HtmlScanner.Scan(body, Gating.Wants).Wanted);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Fails_as_expected(string name)
    {
        var (page, body) = Load(name);
        var expected = File.ReadAllLines(Path.Combine(Folder, name + ".error.txt"));
        Assert.True(HtmlScanner.Scan(body, Gating.Wants).Wanted);
        var error = Assert.Throws<SiteException>(() => Apply(page, body)).Diagnostic;
        Assert.Equal(expected[0], $"line {error.Location.Line}");
        Assert.Equal($"tests/Golden/gating/{name}.html", error.Location.File);
        Assert.Contains(expected[1], error.Message);
        Assert.Contains(expected[2], error.Fix);
    }
}
