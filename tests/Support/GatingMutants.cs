using System.Net;
using System.Text.RegularExpressions;

namespace Express.Site.Tests.Support;

/// <summary>A vendor's snippet, changed in one way an editor's paste (or an attacker) might change it.</summary>
/// <param name="Id">A number that every URL in the mutant carries (m=Id), so a request names the mutant that made it.</param>
public sealed record GatingMutant(int Id, string Snippet, string UrlForm, string Nesting, string Html)
{
    public override string ToString() => $"#{Id} {Snippet} / {UrlForm} / {Nesting}: {Html}";
}

/// <summary>
/// Real vendor snippets (as Google, Meta and YouTube publish them, and some plain pastes from undeclared hosts),
/// crossed with every way of writing a URL that a browser still reads as the same address, and with every way of
/// nesting markup that a browser still loads: letter case, entities, whitespace and control characters, scheme-relative
/// and backslash forms, percent-encoded hosts, svg, noscript, template, srcdoc and data: documents.
/// </summary>
public static partial class GatingMutants
{
    /// <summary>Snippets with {U} where the URL goes, and the URL.</summary>
    private static readonly (string Name, string Template, string Url)[] Snippets =
    [
        ("gtag script", "<script async src=\"{U}\"></script>", "https://www.googletagmanager.com/gtag/js?id=G-TEST1"),
        ("meta pixel image", "<img height=\"1\" width=\"1\" alt=\"\" src=\"{U}\">", "https://www.facebook.com/tr?id=1&ev=PageView"),
        ("youtube iframe", "<iframe width=\"560\" height=\"315\" src=\"{U}\" title=\"YouTube\" allowfullscreen></iframe>", "https://www.youtube-nocookie.com/embed/abc"),
        ("srcset candidate", "<img src=\"/bilde.png\" srcset=\"/bilde.png 1x, {U} 2x\" alt=\"\">", "https://www.facebook.com/tr?id=2"),
        ("video poster", "<video controls poster=\"{U}\"></video>", "https://www.youtube-nocookie.com/poster.jpg"),
        ("object", "<object data=\"{U}\" type=\"text/html\"></object>", "https://www.youtube-nocookie.com/embed/obj"),
        ("input image", "<input type=\"image\" src=\"{U}\" alt=\"Send\">", "https://www.facebook.com/button.png"),
        ("undeclared stylesheet", "<link rel=\"stylesheet\" href=\"{U}\">", "https://fonts.example.com/css"),
        ("undeclared pixel", "<img src=\"{U}\" alt=\"\">", "https://tracker.example.com/p.gif"),
        ("style element", "<style>.m { background: url(\"{U}\") }</style><p class=\"m\">x</p>", "https://www.facebook.com/bg.png"),
        ("svg image", "<svg width=\"10\" height=\"10\"><image href=\"{U}\" width=\"10\" height=\"10\"/></svg>", "https://www.facebook.com/s.png"),
        ("inline loader", "<script>new Image().src = \"{U}\";</script>", "https://www.facebook.com/tr?id=3"),
        ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0; url={U}\">", "https://www.facebook.com/r"),
        ("link ping", "<a href=\"/\" ping=\"{U}\">x</a>", "https://www.facebook.com/ping"),
        ("preload", "<link rel=\"preload\" as=\"image\" href=\"{U}\">", "https://www.facebook.com/pre.png"),
    ];

    /// <summary>Ways to write the same address: each takes the URL (with its m= marker) and returns what is pasted.</summary>
    private static readonly (string Name, Func<string, string> Write)[] UrlForms =
    [
        ("as published", url => url),
        ("upper case", url => url[..url.IndexOf('/', 8)].ToUpperInvariant() + url[url.IndexOf('/', 8)..]),
        ("scheme-relative", url => url["https:".Length..]),
        ("three slashes", url => "https:///" + url["https://".Length..]),
        ("backslashes", url => "https:\\\\" + url["https://".Length..].Replace('/', '\\')),
        ("backslash scheme-relative", url => "\\\\" + url["https://".Length..]),
        ("percent-encoded host", url => "https://%" + ((int)url["https://".Length]).ToString("x2") + url[("https://".Length + 1)..]),
        ("tab entity in the scheme", url => "ht&#9;tps://" + url["https://".Length..]),
        ("newline in the host", url => "https://" + url["https://".Length..][..3] + "\n" + url[("https://".Length + 3)..]),
        ("entity-encoded scheme", url => "&#x68;&#x74;tps://" + url["https://".Length..]),
        ("padded with spaces", url => "  " + url + " \n"),
    ];

    private static readonly (string Name, Func<string, string> Nest)[] Nestings =
    [
        ("plain", html => html),
        ("upper-case tags", html => TagName().Replace(html, m => m.Value.ToUpperInvariant())),
        ("breaking out of svg title", html => $"<svg><title>{html}</title></svg>"),
        ("noscript title trick", html => $"<noscript><p title=\"</noscript>{html.Replace("\"", "'")}\"></noscript>"),
        ("noscript", html => $"<noscript>{html}</noscript>"),
        ("template", html => $"<template>{html}</template>"),
        ("srcdoc", html => $"<iframe title=\"d\" srcdoc=\"{WebUtility.HtmlEncode(html)}\"></iframe>"),
        ("data: document", html => $"<iframe title=\"d\" src=\"data:text/html,{Uri.EscapeDataString(html)}\"></iframe>"),
    ];

    public static IReadOnlyList<GatingMutant> All()
    {
        var mutants = new List<GatingMutant>();
        foreach (var (name, template, url) in Snippets)
            foreach (var (form, write) in UrlForms)
                foreach (var (nesting, nest) in Nestings)
                {
                    var id = mutants.Count + 1;
                    var marked = url + (url.Contains('?') ? "&" : "?") + $"m={id}";
                    mutants.Add(new GatingMutant(id, name, form, nesting, nest(template.Replace("{U}", write(marked)))));
                }
        return mutants;
    }

    /// <summary>The mutant a request came from, by its m= marker; 0 when none.</summary>
    public static int IdIn(string url) => MarkerPattern().Match(WebUtility.UrlDecode(url)) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    [GeneratedRegex(@"</?[a-z]+")]
    private static partial Regex TagName();

    [GeneratedRegex(@"[?&]m=(\d+)")]
    private static partial Regex MarkerPattern();
}
