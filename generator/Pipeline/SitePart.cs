namespace Express.Site.Pipeline;

/// <summary>The parts of <see cref="SiteState"/> one step makes and later steps need.</summary>
public enum SitePart
{
    /// <summary>input/_data/*.yml.</summary>
    Data,
    /// <summary>The generator's settings from site.yml.</summary>
    Settings,
    /// <summary>The checked privacy facts.</summary>
    Privacy,
    /// <summary>Every source page, read.</summary>
    Sources,
    /// <summary>Each page's front matter and body, split.</summary>
    FrontMatter,
    /// <summary>Each page's checked metadata (<see cref="Core.PageMeta"/>).</summary>
    Meta,
    /// <summary>Each page's URL and output path.</summary>
    Urls,
    /// <summary>The fingerprinted theme assets.</summary>
    Assets,
    /// <summary>The parsed layouts and partials.</summary>
    Templates,
    /// <summary>What templates see.</summary>
    Model,
    /// <summary>Each page's whole HTML document.</summary>
    Html,
    /// <summary>Each page's links, ids, forms and inline code, scanned from its final HTML.</summary>
    Scan,
}
