using System.Globalization;
using Scriban.Runtime;

namespace Express.Site.Steps.Templates;

/// <summary>
/// What templates see: the shared, read-only globals (<c>site</c>, every data file by name, the generator's
/// functions) and one <c>page</c> object per page, keyed by the page's source path.
/// </summary>
public sealed class TemplateModel(ScriptObject globals, IReadOnlyDictionary<string, ScriptObject> pages, CultureInfo culture)
{
    public ScriptObject Globals { get; } = globals;
    public CultureInfo Culture { get; } = culture;

    public ScriptObject PageObject(string sourcePath) => pages[sourcePath];
}
