using Express.Site.Model;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.SmartyPants;

namespace Express.Site.Steps.Render.Markdown;

/// <summary>
/// The Markdown dialect of the site: CommonMark with pipe tables (alignment as classes), ASCII heading ids, {#id .class}
/// attributes, bare links, and typography: the site's quotation marks (site.yml, quotes), en and em dashes, ellipses.
/// </summary>
public static class MarkdownPipelineFactory
{
    /// <param name="quotes">left and right double, left and right single quotation marks; null: English ones.</param>
    public static MarkdownPipeline Create(IReadOnlyList<string>? quotes = null)
    {
        quotes ??= SiteSettings.DefaultQuotes;
        var smarty = new SmartyPantOptions();
        smarty.Mapping[SmartyPantType.LeftDoubleQuote] = quotes[0];
        smarty.Mapping[SmartyPantType.RightDoubleQuote] = quotes[1];
        smarty.Mapping[SmartyPantType.LeftQuote] = quotes[2];
        smarty.Mapping[SmartyPantType.RightQuote] = quotes[3];
        smarty.Mapping[SmartyPantType.Dash2] = "\u2013";
        smarty.Mapping[SmartyPantType.Dash3] = "\u2014";
        smarty.Mapping[SmartyPantType.Ellipsis] = "\u2026";

        return new MarkdownPipelineBuilder()
            .UsePipeTables()
            .Use<TableAlignmentClasses>()
            .Use<HeadingIds>() // before Markdig's auto-identifiers, which then leave the ids alone
            .UseAutoIdentifiers(AutoIdentifierOptions.Default)
            .UseAutoLinks()
            .UseListExtras()
            .UseSmartyPants(smarty)
            .UseGenericAttributes() // must come last: it attaches to what the others produce
            .Build();
    }
}
