using System.Text.RegularExpressions;

namespace Express.Site.Privacy;

/// <summary>A cookie or storage key name, or a pattern with '*' for any run of characters ("_ga_*").</summary>
public sealed class CookiePattern(string pattern)
{
    public string Pattern { get; } = pattern;

    private readonly Regex _regex = new("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);

    public bool IsPattern => Pattern.Contains('*');

    public bool Matches(string name) => _regex.IsMatch(name);

    /// <summary>Whether one could match a name the other names: a plain name matched by a pattern, or two equal names.
    /// Two patterns overlap when either matches the other's fixed text.</summary>
    public bool Overlaps(CookiePattern other) =>
        Matches(other.Pattern) || other.Matches(Pattern) ||
        (IsPattern && other.IsPattern && (Matches(other.Pattern.Replace("*", "")) || other.Matches(Pattern.Replace("*", ""))));

    public override string ToString() => Pattern;
}
