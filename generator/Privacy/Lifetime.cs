using System.Globalization;
using System.Text.RegularExpressions;

namespace Express.Site.Privacy;

/// <summary>How long a cookie or a consent lasts: an amount of a unit, or the browser session.</summary>
public sealed partial record Lifetime(int Amount, LifetimeUnit Unit)
{
    public static readonly Lifetime Session = new(0, LifetimeUnit.Session);

    /// <summary>The length in seconds, counting a month as 30 days and a year as 365 (a session counts as 0).</summary>
    public long Seconds => Unit switch
    {
        LifetimeUnit.Session => 0,
        LifetimeUnit.Minute => Amount * 60L,
        LifetimeUnit.Hour => Amount * 3600L,
        LifetimeUnit.Day => Amount * 86_400L,
        LifetimeUnit.Month => Amount * 30L * 86_400L,
        _ => Amount * 365L * 86_400L,
    };

    /// <summary>"12 months" -> "P12M", for machines.</summary>
    public string Iso => Unit switch
    {
        LifetimeUnit.Session => "session",
        LifetimeUnit.Minute => $"PT{Amount}M",
        LifetimeUnit.Hour => $"PT{Amount}H",
        LifetimeUnit.Day => $"P{Amount}D",
        LifetimeUnit.Month => $"P{Amount}M",
        _ => $"P{Amount}Y",
    };

    /// <summary>Parses "90 days", "12 months", "2 years", "24 hours", "30 minutes", "session", or the same with the site's own words.</summary>
    /// <param name="words">more words for the units, in the site's language (site.yml, lifetime_units).</param>
    public static Lifetime? Parse(string text, IReadOnlyDictionary<string, LifetimeUnit>? words = null)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "session" || words is not null && words.TryGetValue(trimmed, out var own) && own == LifetimeUnit.Session) return Session;
        var match = Pattern().Match(trimmed);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            return null;
        var word = match.Groups[2].Value;
        LifetimeUnit? unit = word switch
        {
            "minute" or "minutes" => LifetimeUnit.Minute,
            "hour" or "hours" => LifetimeUnit.Hour,
            "day" or "days" => LifetimeUnit.Day,
            "month" or "months" => LifetimeUnit.Month,
            "year" or "years" => LifetimeUnit.Year,
            _ => words is not null && words.TryGetValue(word, out var unitWord) && unitWord != LifetimeUnit.Session ? unitWord : null,
        };
        return unit is null ? null : new Lifetime(amount, unit.Value);
    }

    public const string Examples = "'90 days', '12 months', '2 years', '24 hours' or 'session'";

    public override string ToString() => Unit == LifetimeUnit.Session ? "session" : $"{Amount} {Unit.ToString().ToLowerInvariant()}{(Amount == 1 ? "" : "s")}";

    [GeneratedRegex(@"^(\d+)\s*(\p{L}+)\.?$")]
    private static partial Regex Pattern();
}

public enum LifetimeUnit { Session, Minute, Hour, Day, Month, Year }
