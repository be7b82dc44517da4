using System.Buffers.Binary;
using System.Globalization;
using System.Xml;

namespace Express.Site.Steps.Prepare;

/// <summary>
/// Reads an image's width and height in pixels from its header (PNG, GIF, JPEG, WebP) or its root element (SVG:
/// width and height, else the viewBox), without decoding the image.
/// </summary>
public static class ImageDimensions
{
    /// <returns>the size, or null when the file is not an image of a known type or its header is broken.</returns>
    public static (int Width, int Height)? Read(string path)
    {
        try
        {
            return ReadHeader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (int Width, int Height)? ReadHeader(string path)
    {
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) return ReadSvg(path);
        Span<byte> head = stackalloc byte[64];
        using var stream = File.OpenRead(path);
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..length];
        if (length >= 24 && head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return Valid(BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
        if (length >= 10 && (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)))
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]));
        if (length >= 30 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ReadWebP(head);
        if (length >= 4 && head[0] == 0xFF && head[1] == 0xD8)
        {
            stream.Position = 2;
            return ReadJpeg(stream);
        }
        return null;
    }

    private static (int, int)? Valid(int width, int height) => width > 0 && height > 0 ? (width, height) : null;

    private static (int, int)? ReadWebP(ReadOnlySpan<byte> head)
    {
        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8)) // lossy: the key frame's 14-bit sizes
            return Valid(BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8)) // lossless: two 14-bit sizes minus one, packed
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Valid((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8)) // extended: two 24-bit sizes minus one
            return Valid((head[24] | head[25] << 8 | head[26] << 16) + 1, (head[27] | head[28] << 8 | head[29] << 16) + 1);
        return null;
    }

    private static (int, int)? ReadJpeg(Stream stream)
    {
        Span<byte> segment = stackalloc byte[5];
        while (true)
        {
            if (stream.ReadByte() != 0xFF) return null; // every segment starts with a marker
            int marker;
            do marker = stream.ReadByte(); while (marker == 0xFF); // fill bytes
            if (marker is 0x01 or >= 0xD0 and <= 0xD8) continue; // markers without a length
            if (marker is < 0 or 0xD9 or 0xDA) return null; // the end, or the image data, before any frame header
            if (stream.ReadAtLeast(segment[..2], 2, throwOnEndOfStream: false) < 2) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(segment);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC)) // start of frame: precision, height, width
            {
                if (stream.ReadAtLeast(segment, 5, throwOnEndOfStream: false) < 5) return null;
                return Valid(BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), BinaryPrimitives.ReadUInt16BigEndian(segment[1..]));
            }
            if (length < 2) return null;
            stream.Seek(length - 2, SeekOrigin.Current);
        }
    }

    private static (int, int)? ReadSvg(string path)
    {
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "svg") return null;
            if (Pixels(reader.GetAttribute("width")) is { } width && Pixels(reader.GetAttribute("height")) is { } height) return Valid(width, height);
            var box = reader.GetAttribute("viewBox")?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            return box is { Length: 4 } && Pixels(box[2]) is { } w && Pixels(box[3]) is { } h ? Valid(w, h) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static int? Pixels(string? value)
    {
        var number = value?.Trim();
        if (number is null) return null;
        if (number.EndsWith("px", StringComparison.Ordinal)) number = number[..^2];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var pixels) ? (int)Math.Round(pixels) : null;
    }
}
