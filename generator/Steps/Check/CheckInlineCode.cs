using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Check;

/// <summary>
/// The site's Content-Security-Policy allows inline &lt;script&gt; and &lt;style&gt; elements by hash, but not code in
/// attributes (style="…", onclick="…") or javascript: links: a browser would silently ignore them on the live site.
/// Better to stop the build and say where they are.
/// </summary>
public sealed class CheckInlineCode : IBuildStep
{
    // Only pages whose scan changed since the last run that found nothing are checked again.
    private readonly CleanParts<PageScan> _clean = new(page => page.Scan);

    public string Name => "inline code";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var reported = new HashSet<(SourceLocation, string)>();
        foreach (var page in _clean.ToCheck(site.Pages, context))
        {
            foreach (var attribute in page.Scan.InlineAttributes)
            {
                var at = SourceLineFinder.Find($"{attribute.Attribute}=\"{attribute.Value}\"", page, site.Templates, attribute.OutputLine);
                if (!reported.Add((at, attribute.Attribute))) continue;
                context.Report(attribute.Attribute == "style"
                    ? Diagnostic.Error(at, $"<{attribute.Element} style=\"{Shorten(attribute.Value)}\"> on {page.Url}: the Content-Security-Policy blocks style attributes",
                        "give the element a class and put the style in the theme's assets/css/site.css")
                    : Diagnostic.Error(at, $"<{attribute.Element} {attribute.Attribute}=\"…\"> on {page.Url}: the Content-Security-Policy blocks event handlers in attributes",
                        "remove the attribute and attach the handler from a script file in the theme's assets/js/ (addEventListener)"));
            }
            foreach (var link in page.Scan.Links.Where(l => l.RunsScript))
            {
                var at = SourceLineFinder.Find(link.Target, page, site.Templates, link.OutputLine);
                if (reported.Add((at, "javascript:")))
                    context.Report(Diagnostic.Error(at, $"<{link.Element}> on {page.Url} links to '{Shorten(link.Target)}': the Content-Security-Policy blocks javascript: links",
                        "use a <button> and attach the code from a script file in the theme's assets/js/"));
            }
        }
        _clean.Finish(context);
        return site;
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
