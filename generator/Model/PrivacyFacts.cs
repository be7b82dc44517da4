using Express.Site.Privacy;

namespace Express.Site.Model;

/// <summary>The site's validated privacy data with what is derived from it once per build.</summary>
public sealed record PrivacyFacts(PrivacyData Data, string Revision, string ConfigUrl);
