using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Reading;

namespace Express.Site.Steps.Render;

/// <summary>
/// A check of a page exactly as it will be written, from the reading of its final HTML: the text the write step
/// writes byte for byte, parsed once, so no check parses a page a second time.
/// </summary>
public interface IPageCheck
{
    IReadOnlyList<Diagnostic> Check(DocumentReading reading, Page page);
}
