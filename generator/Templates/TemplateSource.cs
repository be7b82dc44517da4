using Express.Site.Core;
using Scriban;

namespace Express.Site.Templates;

/// <summary>A parsed layout or partial. <see cref="LineOffset"/> is how many lines of front matter precede the template text.</summary>
public sealed record TemplateSource(string Name, SourceFile File, Template Template, int LineOffset, string? Parent, SourceLocation ParentLocation)
{
    public string Path => File.Path;
}
