using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Express.Site.Steps.Prepare;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Site;

/// <summary>Images in pages: alt text required, size written from the file, fingerprinted and cached, lazy below the first.</summary>
public sealed class PageImageTests : IDisposable
{
    private readonly FixtureSite _site = new();

    public void Dispose() => _site.Dispose();

    private static byte[] Png(int width, int height) =>
    [
        0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
        (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
        (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 2, 0, 0, 0,
    ];

    private static byte[] Gif(int width, int height) =>
        [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 0, 0];

    private static byte[] Jpeg(int width, int height) =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, // APP0, skipped
        0xFF, 0xDB, 0x00, 0x04, 0, 0,                                              // a table, skipped
        0xFF, 0xC2, 0x00, 0x11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    private static byte[] WebP(int width, int height) =>
    [
        .. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0,
        (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16), (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16),
    ];

    private string WriteImage(string relative, byte[] bytes)
    {
        var path = Path.Combine(_site.Input, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("png", 640, 480)]
    [InlineData("gif", 32, 16)]
    [InlineData("jpg", 1200, 800)]
    [InlineData("webp", 300, 70000)]
    public void The_size_is_read_from_the_file(string type, int width, int height)
    {
        var bytes = type switch { "png" => Png(width, height), "gif" => Gif(width, height), "jpg" => Jpeg(width, height), _ => WebP(width, height) };
        Assert.Equal((width, height), ImageDimensions.Read(WriteImage($"bilde.{type}", bytes)));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40px\"/>", 120, 40)]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96.4 32\"><rect/></svg>", 96, 32)]
    public void The_size_of_an_svg_is_its_width_and_height_else_its_view_box(string svg, int width, int height) =>
        Assert.Equal((width, height), ImageDimensions.Read(_site.Write("input/logo.svg", svg)));

    [Fact]
    public void Images_get_fingerprinted_urls_sizes_and_lazy_loading_below_the_first()
    {
        WriteImage("bilder/kontor.png", Png(640, 480));
        WriteImage("bilder/team.jpg", Jpeg(1200, 800));
        _site.Write("input/bilder/pynt.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>");
        _site.Write("input/kontakt.md", "---\ntitle: Kontakt\n---\n![Kontoret vårt](/bilder/kontor.png)\n\n![Teamet](bilder/team.jpg)\n\n![](/bilder/pynt.svg){alt=\"\"}\n");
        _site.RunSuccessfully();
        var images = new HtmlParser().ParseDocument(_site.ReadOutput("kontakt/index.html")).QuerySelectorAll("main img").ToList();
        Assert.Equal(3, images.Count);

        Assert.Matches(@"^/bilder/kontor\.[0-9a-f]{10}\.png$", images[0].GetAttribute("src"));
        Assert.Equal(("Kontoret vårt", "640", "480"), (images[0].GetAttribute("alt"), images[0].GetAttribute("width"), images[0].GetAttribute("height")));
        Assert.False(images[0].HasAttribute("loading"));

        Assert.Matches(@"^/bilder/team\.[0-9a-f]{10}\.jpg$", images[1].GetAttribute("src"));
        Assert.Equal(("1200", "800", "lazy"), (images[1].GetAttribute("width"), images[1].GetAttribute("height"), images[1].GetAttribute("loading")));

        Assert.Equal("", images[2].GetAttribute("alt"));
        Assert.Single(images[2].Attributes, a => a.Name == "alt");
        Assert.Equal(("10", "10"), (images[2].GetAttribute("width"), images[2].GetAttribute("height")));

        var src = images[0].GetAttribute("src")!;
        Assert.True(_site.OutputExists(src.TrimStart('/')));
        Assert.True(_site.OutputExists("bilder/kontor.png")); // the original stays, for links
        Assert.Matches(new Regex($@"{Regex.Escape(src)}\n\s+Cache-Control: public, max-age=31536000, immutable"), _site.ReadOutput("_headers"));
    }

    [Fact]
    public void An_image_whose_size_cannot_be_read_is_a_warning()
    {
        _site.Write("input/bilder/kontor.jpg", "not a jpeg");
        var console = _site.RunSuccessfully();
        Assert.Contains("input/bilder/kontor.jpg: warning: cannot read the image's width and height", console);
    }
}
