using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.SmartyPants;

namespace Express.Site.Steps.Markdown;

/// <summary>
/// The Markdown dialect of the site: CommonMark with pipe tables (alignment as classes), ASCII heading ids, {#id .class} attributes,
/// bare links, and typography for Norwegian («sitat», ‘indre sitat’, tankestrek – and …).
/// </summary>
public static class MarkdownPipelineFactory
{
    public static MarkdownPipeline Create()
    {
        var smarty = new SmartyPantOptions();
        smarty.Mapping[SmartyPantType.LeftDoubleQuote] = "«";
        smarty.Mapping[SmartyPantType.RightDoubleQuote] = "»";
        smarty.Mapping[SmartyPantType.LeftQuote] = "‘";
        smarty.Mapping[SmartyPantType.RightQuote] = "’";
        smarty.Mapping[SmartyPantType.Dash2] = "–";
        smarty.Mapping[SmartyPantType.Dash3] = "—";
        smarty.Mapping[SmartyPantType.Ellipsis] = "…";
        smarty.Mapping[SmartyPantType.LeftAngleQuote] = "«";
        smarty.Mapping[SmartyPantType.RightAngleQuote] = "»";

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
