using Express.Site.Steps.Render.Generated;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void Hashes_are_the_base64_sha256_of_the_text_with_unix_line_breaks()
    {
        // Expected values from: printf 'alert(1)' | openssl dgst -sha256 -binary | base64 (and 'a\nb').
        Assert.Equal("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='", ContentSecurityPolicy.Hash("alert(1)"));
        Assert.Equal("'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='", ContentSecurityPolicy.Hash("a\r\nb"));
        Assert.Equal(ContentSecurityPolicy.Hash("a\nb"), ContentSecurityPolicy.Hash("a\rb"));
    }

    [Fact]
    public void Without_vendors_the_policy_allows_only_the_site_itself()
    {
        var policy = ContentSecurityPolicy.For(null, ["alert(1)", "alert(1)"], []);
        Assert.Equal(
            "default-src 'none'; script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; style-src 'self'; img-src 'self' data:; " +
            "connect-src 'self'; frame-src 'none'; media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
            "form-action 'self'; frame-ancestors 'none'",
            policy.ToString());
    }

    [Fact]
    public void Declared_vendor_hosts_are_the_only_third_party_sources()
    {
        var privacy = GoldenPrivacy.Gating;
        var policy = ContentSecurityPolicy.For(privacy, [], ["p{color:red}"]);
        var expectedHosts = privacy.Vendors.SelectMany(v => v.Hosts).Select(h => "https://" + h.Pattern).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("https://*.google-analytics.com", expectedHosts);
        Assert.Equal(expectedHosts, policy.VendorSources);
        var directives = policy.Directives().ToDictionary(d => d.Directive, d => d.Sources);
        Assert.Equal(["'self'", .. expectedHosts], directives["script-src"]);
        Assert.Equal(["'self'", .. expectedHosts], directives["connect-src"]);
        Assert.Equal(["'self'", ContentSecurityPolicy.Hash("p{color:red}")], directives["style-src"]);
        Assert.DoesNotContain("unsafe", policy.ToString());
    }
}
