using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Express.Site.Core;

namespace Express.Site.Steps.Read;

/// <summary>Reads text files as strict UTF-8 (a byte-order mark is allowed and dropped) and normalizes line ends.</summary>
public static class TextFileReader
{
    public static SourceFile Read(string fullPath, string displayPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileError.Exception(displayPath, e);
        }
        return new SourceFile(displayPath, fullPath, Decode(bytes, displayPath));
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
                throw InvalidUtf8(bytes, read, displayPath);
            var text = new string(chars, 0, written);
            return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static SiteException InvalidUtf8(ReadOnlySpan<byte> bytes, int badIndex, string displayPath)
    {
        var before = bytes[..badIndex];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new SiteException(new SourceLocation(displayPath, line, column),
            $"the file is not UTF-8 text (byte 0x{bytes[badIndex]:X2} cannot start or continue a UTF-8 character)",
            "save the file as UTF-8 in your editor (it was probably saved as Windows-1252 or ISO-8859-1; letters outside ASCII are stored differently there)");
    }
}
