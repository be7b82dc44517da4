using System.Globalization;
using System.Text.Json.Nodes;
using Express.Site.Core;
using Express.Site.Model;
using Express.Site.Pipeline;
using Express.Site.Yaml;

namespace Express.Site.Steps.Render.Generated;

/// <summary>
/// Writes the standard files under <c>/.well-known/</c> from the data files:
/// <list type="bullet">
/// <item><c>gpc.json</c>, the Global Privacy Control support resource (<c>{"gpc": true, "lastUpdate": "…"}</c>), when
/// the privacy data has a purpose that GPC refuses (the site honours the signal); <c>lastUpdate</c> is
/// <c>well_known.gpc_since</c> in site.yml, the date the statement was made, when given.</item>
/// <item><c>security.txt</c> (RFC 9116) when site.yml has <c>well_known.security_expires</c>: <c>Contact</c> (the
/// privacy data's controller e-mail, or <c>well_known.security_contact</c>), <c>Expires</c>,
/// <c>Preferred-Languages</c> and <c>Canonical</c>. An expiry that has passed stops the build (a stale file tells
/// researchers nobody reads it), one more than a year ahead is a warning (RFC 9116, section 2.5.5).</item>
/// </list>
/// A file of the same name in input/ wins, as for robots.txt.
/// </summary>
public sealed class GenerateWellKnownFiles : IBuildStep
{
    public const string GpcPath = ".well-known/gpc.json";
    public const string SecurityPath = ".well-known/security.txt";

    public string Name => "well-known files";

    public SiteState Run(SiteState site, BuildContext context)
    {
        var files = site.Files;
        var wellKnown = FrontMatterValues.OptionalMap(site.SiteConfig, "well_known") ?? new YamlMap(site.SiteConfig.Location);
        var generated = new SourceLocation("(generated)");

        if (!Exists(site, GpcPath) && site.Privacy?.Data.Categories.Any(c => c.RefusedByGpc) == true)
            files = files.Add(OutputFile.Text(GpcPath, generated, Gpc(wellKnown)));

        if (!Exists(site, SecurityPath) && FrontMatterValues.OptionalDate(wellKnown, "security_expires") is { } expires)
        {
            var text = SecurityTxt(site, wellKnown, expires.Date, context);
            if (text is not null) files = files.Add(OutputFile.Text(SecurityPath, generated, text));
        }
        return site with { Files = files };
    }

    private static bool Exists(SiteState site, string path) => site.Files.Any(f => f.OutputPath == path);

    private static string Gpc(YamlMap wellKnown)
    {
        var since = FrontMatterValues.OptionalDate(wellKnown, "gpc_since");
        var resource = new JsonObject { ["gpc"] = true };
        if (since is { } d) resource["lastUpdate"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return resource.ToJsonString() + "\n";
    }

    private static string? SecurityTxt(SiteState site, YamlMap wellKnown, DateTime expires, BuildContext context)
    {
        var at = wellKnown.LocationOf("security_expires");
        var today = context.Options.Now.Date;
        if (expires < today)
        {
            context.Report(Diagnostic.Error(at, $"security.txt expired on {expires:yyyy-MM-dd}: a stale file tells security researchers nobody reads it",
                $"renew it: 'security_expires: {today.AddMonths(6):yyyy-MM-dd}' (at most a year ahead) under well_known in site.yml"));
            return null;
        }
        if (expires > today.AddDays(366))
            context.Report(Diagnostic.Warning(at, $"security.txt expires {expires:yyyy-MM-dd}, more than a year ahead; RFC 9116 advises less",
                $"write a date within a year, e.g. 'security_expires: {today.AddMonths(6):yyyy-MM-dd}'"));

        var contact = FrontMatterValues.OptionalString(wellKnown, "security_contact")
            ?? (site.Privacy?.Data.Controller.GetValueOrDefault("email") is string email ? "mailto:" + email : null);
        if (string.IsNullOrWhiteSpace(contact))
        {
            context.Report(Diagnostic.Error(wellKnown.LocationOf("security_expires"), "security.txt has no contact",
                "add 'security_contact: mailto:security@example.no' under well_known in site.yml"));
            return null;
        }
        if (!contact.Contains(':', StringComparison.Ordinal)) contact = contact.Contains('@', StringComparison.Ordinal) ? "mailto:" + contact : "https://" + contact;

        var settings = site.RequireSettings();
        var languages = FrontMatterValues.OptionalStringList(wellKnown, "security_languages");
        var preferred = languages.Count > 0 ? languages : [settings.Lang, "en"];
        return $"""
            Contact: {contact}
            Expires: {expires:yyyy-MM-dd}T23:59:59Z
            Preferred-Languages: {string.Join(", ", preferred.Distinct(StringComparer.OrdinalIgnoreCase))}
            Canonical: {settings.Absolute("/" + SecurityPath)}

            """.ReplaceLineEndings("\n");
    }
}
