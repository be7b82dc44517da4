namespace Express.Site.Tests.Support.Browser;

/// <summary>A fixture site, built and served on 127.0.0.1 for the browser tests. Rebuild to change it under the server.</summary>
public class ServedSite : IDisposable
{
    public FixtureSite Site { get; }
    public StaticSiteServer Server { get; }

    public ServedSite() : this(FixtureSite.RealSite()) { }

    protected ServedSite(FixtureSite site)
    {
        Site = site;
        Build();
        Server = new StaticSiteServer(Site.Output);
    }

    public void Build()
    {
        Site.RunSuccessfully();
    }

    public string Url(string path) => Server.Url(path);

    public void Dispose()
    {
        Server.Dispose();
        Site.Dispose();
        GC.SuppressFinalize(this);
    }
}
