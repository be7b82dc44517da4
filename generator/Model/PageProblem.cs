using Express.Site.Core;

namespace Express.Site.Model;

/// <summary>
/// An error found on one page, worded without naming the page: the same paste in a layout is then one problem
/// "on 12 pages", reported once where it is written.
/// </summary>
public sealed record PageProblem(SourceLocation At, string Message, string Fix);
