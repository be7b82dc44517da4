namespace Express.Site.Core;

/// <summary>
/// What one render of a template may use. Scriban's own defaults cut a page at 1 MB without an error and let a
/// loop run for ever, so both are replaced: going over any limit is an error at the template's line.
/// </summary>
/// <param name="LoopIterations">iterations of one loop (a list of all pages of a large site stays far below).</param>
/// <param name="OutputCharacters">characters of one page.</param>
/// <param name="TimePerRender">time for one template on one page.</param>
public sealed record TemplateLimits(int LoopIterations, int OutputCharacters, TimeSpan TimePerRender)
{
    public static readonly TemplateLimits Default = new(1_000_000, 100_000_000, TimeSpan.FromSeconds(10));
}
