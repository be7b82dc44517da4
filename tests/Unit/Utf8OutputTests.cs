using System.Text;
using Express.Site.Templates;

namespace Express.Site.Tests.Unit;

/// <summary>A page's outermost layout renders straight to UTF-8: the bytes must be those of the text encoded whole.</summary>
public sealed class Utf8OutputTests
{
    public static TheoryData<string[]> Writes => new()
    {
        new[] { "<p>", "Blåbær ", "og ", "søknad</p>" },
        new[] { "emoji \ud83d", "\ude00 split between two writes" }, // a surrogate pair cut by the writes
        new[] { "a lone \ud83d", " high surrogate" },
        new[] { "ends with a lone high surrogate \ud83d" },
        new[] { "a lone \ude00 low surrogate" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void Gives_the_bytes_of_the_whole_text(string[] writes)
    {
        var output = new Utf8Output();
        output.Write("text before Clear()", 0, 19);
        output.Clear();
        foreach (var write in writes) output.Write("(" + write + ")", 1, write.Length);

        var whole = string.Concat(writes);
        Assert.Equal(Encoding.UTF8.GetBytes(whole), output.ToArray());
        Assert.Equal(whole.Length, output.Characters);
    }

    [Fact]
    public void Grows_past_its_first_buffer()
    {
        var output = new Utf8Output();
        var text = string.Concat(Enumerable.Repeat("Stilling i Tromsø – ", 5_000));
        for (var i = 0; i < text.Length; i += 777) output.Write(text, i, Math.Min(777, text.Length - i));
        Assert.Equal(Encoding.UTF8.GetBytes(text), output.ToArray());
    }
}
