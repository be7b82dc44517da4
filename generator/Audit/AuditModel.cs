namespace Express.Site.Audit;

/// <summary>A cookie seen in the browser: where it lives, how long it is set to live, and which script set it, when known.</summary>
public sealed record SeenCookie(string Name, string Domain, string Path, long? LifetimeSeconds, bool FirstParty, string? SetBy);

/// <summary>A request the page made to another host, and whether it was blocked for lack of a stand-in.</summary>
public sealed record SeenRequest(string Url, string Host, bool Blocked);

/// <summary>What one page did in one consent state: the cookies and storage present after it, its third-party requests and its forms.</summary>
public sealed record PageObservation(string State, string Page, IReadOnlyList<SeenCookie> Cookies, IReadOnlyList<string> Storage,
    IReadOnlyList<SeenRequest> Requests, IReadOnlyList<string> Forms, IReadOnlyList<string> RetentionForms);

/// <summary>One thing the site did that its declaration or the visitor's choice does not allow.</summary>
public sealed record AuditFinding(string Page, string State, string What, string Why)
{
    public override string ToString() => $"{Page} [{State}]: {What}: {Why}";
}

public sealed record AuditResult(
    string Revision, DateTimeOffset Date, IReadOnlyList<string> Pages, IReadOnlyList<ConsentState> States,
    IReadOnlyList<PageObservation> Observations, IReadOnlyList<AuditFinding> Findings, TimeSpan Duration);
