using System.Globalization;
using Scriban.Runtime;

namespace Express.Site.Templates;

/// <summary>
/// What templates see: the shared, read-only globals (<c>site</c>, every data file by name, the generator's
/// functions) and one <c>page</c> object per page, keyed by the page's source path. Each page list of <c>site</c> has a
/// stamp that stays the same object while what the list shows is unchanged (see <see cref="TemplateDependencies"/>).
/// </summary>
public sealed class TemplateModel(ScriptObject globals, Func<string, ScriptObject> pages, CultureInfo culture,
    IReadOnlyDictionary<string, PageListStamp> listStamps)
{
    /// <summary>The members of <c>site</c> that list pages.</summary>
    public static readonly IReadOnlyList<string> ListNames = ["pages", "nav", "collections"];

    public ScriptObject Globals { get; } = globals;
    public CultureInfo Culture { get; } = culture;

    public ScriptObject PageObject(string sourcePath) => pages(sourcePath);

    public object ListStamp(string list) => listStamps[list];

    /// <summary>The stamps of all lists as one object: the same while no list changed (see <see cref="TemplateDependencies.StillHold"/>).</summary>
    internal object ListStamps => listStamps;
}

/// <summary>What a page list shows of each page: its source, front matter and URL (the page object is made of these
/// and the site's settings).</summary>
public sealed class PageListStamp(IReadOnlyList<(string Source, string FrontMatter, string Url)> pages)
{
    private readonly IReadOnlyList<(string Source, string FrontMatter, string Url)> _pages = pages;

    public bool SameAs(PageListStamp other) => _pages.Count == other._pages.Count && _pages.SequenceEqual(other._pages);
}

/// <summary>The <c>site</c> object: records which page lists a render reads.</summary>
public sealed class SiteScriptObject : ScriptObject
{
    public override bool TryGetValue(Scriban.TemplateContext? context, Scriban.Parsing.SourceSpan span, string member, out object? value)
    {
        if (TemplateModel.ListNames.Contains(member)) TemplateDependencies.UsedList(member);
        return base.TryGetValue(context, span, member, out value);
    }
}
