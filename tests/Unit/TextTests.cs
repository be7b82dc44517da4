using Express.Site.Core;
using Express.Site.Steps.Read;
using Express.Site.Templates;

namespace Express.Site.Tests.Unit;

public sealed class TextTests
{
    [Fact]
    public void Utf8_with_a_byte_order_mark_and_windows_line_ends_is_read_cleanly() =>
        Assert.Equal("æ\nø\n", TextFileReader.Decode([0xEF, 0xBB, 0xBF, 0xC3, 0xA6, 0x0D, 0x0A, 0xC3, 0xB8, 0x0A], "x.md"));

    [Fact]
    public void Json_is_safe_inside_a_script_element_and_keeps_norwegian_letters()
    {
        var value = new Scriban.Runtime.ScriptObject { ["a"] = "</script><b>", ["b"] = "Ålesund", ["c"] = null, ["d"] = new DateTime(2026, 12, 1) };
        Assert.Equal("{\"a\":\"\\u003C/script\\u003E\\u003Cb\\u003E\",\"b\":\"Ålesund\",\"d\":\"2026-12-01\"}", TemplateFunctions.ToJson(value));
    }

    [Fact]
    public void Html_escape_escapes_markup_only() =>
        Assert.Equal("Blåbær &amp; «is» &lt;b&gt; &quot;x&quot;", TemplateFunctions.HtmlEscape("Blåbær & «is» <b> \"x\""));

    [Fact]
    public void Diagnostics_read_as_file_line_column_message_and_fix() =>
        Assert.Equal("input/a.md:3:5: error: bad\n    fix: do this",
            Diagnostic.Error(new SourceLocation("input/a.md", 3, 5), "bad", "do this").ToString());
}
