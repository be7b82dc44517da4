using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Templates;

namespace Express.Site.Steps.Check;

/// <summary>
/// Every form on the site must be listed as a contact point in the privacy data (its retention table), and every
/// contact point must belong to a form that exists: the privacy statement may not promise about forms that are not
/// there, nor leave out one that is.
/// </summary>
public sealed class CheckFormsHaveContactPoints : IBuildStep
{
    public string Name => "forms";

    public IReadOnlySet<SitePart> Needs { get; } = new HashSet<SitePart> { SitePart.Scan };

    private readonly PerItem<Page, IReadOnlyList<PageForm>?> _forms = new(page => page.Scan.Forms.Count > 0 ? page.Scan.Forms : null);

    public SiteState Run(SiteState site, BuildContext context)
    {
        var contactPoints = site.Privacy?.Data.ContactPoints ?? [];
        var declared = contactPoints.Select(c => c.Form).ToHashSet(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<SourceLocation>();
        var formsOf = _forms.Of(site.Pages, context);
        for (var i = 0; i < formsOf.Length; i++)
            foreach (var form in formsOf[i] ?? [])
            {
                var page = site.Pages[i];
                found.Add(form.Name);
                if (declared.Contains(form.Name)) continue;
                var at = SourceLineFinder.Find(form.Name.Length > 0 ? $"name=\"{form.Name}\"" : "<form", page, site.Templates, form.OutputLine);
                if (!reported.Add(at)) continue;
                context.Report(form.Name.Length == 0
                    ? Diagnostic.Error(at, $"a form on {page.Url} has no name, so the privacy statement cannot say what happens to what it collects",
                        "give the form a name (<form name=\"...\">) and add a contact point with that form to input/_data/privacy.yml")
                    : Diagnostic.Error(at, $"the form '{form.Name}' on {page.Url} is not in the privacy statement's retention table",
                        site.Privacy is null
                            ? "add input/_data/privacy.yml with a contact point for it (see \"The privacy data\" in the README)"
                            : $"add a contact point to {site.Privacy.Data.File}:\n      - name: ...\n        form: {form.Name}\n        stored:\n          nb: ...\n        retention:\n          nb: ..."));
            }
        foreach (var point in contactPoints.Where(c => !found.Contains(c.Form)))
            context.Report(Diagnostic.Error(point.At, $"the contact point '{point.Name}' names the form '{point.Form}', which is on no page",
                "correct the form name (the name=\"...\" of the <form>), or remove the contact point if the form is gone"));
        return site;
    }

    public string Summarize(SiteState site) => $"{site.Pages.Sum(p => p.Scan.Forms.Count)} forms, all with a contact point";
}
