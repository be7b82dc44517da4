using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Express.Site.Steps.Render.Markdown;

/// <summary>
/// Writes a table column's alignment ('|:--|:-:|--:|') as a class on its cells (align-left, align-center,
/// align-right; the theme's site.css styles them) instead of Markdig's style="text-align: ..." attribute, which the
/// site's Content-Security-Policy forbids.
/// </summary>
public sealed class TableAlignmentClasses : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += MoveAlignmentToClasses;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

    private static void MoveAlignmentToClasses(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var columns = table.ColumnDefinitions;
            if (columns.Count == 0) continue;
            foreach (var row in table.OfType<TableRow>())
                for (var i = 0; i < row.Count; i++)
                {
                    var cell = (TableCell)row[i];
                    var index = Math.Min(cell.ColumnIndex < 0 || cell.ColumnIndex >= columns.Count ? i : cell.ColumnIndex, columns.Count - 1);
                    if (columns[index].Alignment is { } alignment)
                        cell.GetAttributes().AddClass(alignment switch
                        {
                            TableColumnAlign.Center => "align-center",
                            TableColumnAlign.Right => "align-right",
                            _ => "align-left",
                        });
                }
            foreach (var column in columns) column.Alignment = null;
        }
    }
}
