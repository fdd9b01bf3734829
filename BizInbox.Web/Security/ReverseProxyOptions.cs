namespace BizInbox.Web.Security;

/// <summary>
/// The "ReverseProxy" section: which proxies may tell the app the client's address and scheme
/// (X-Forwarded-For, X-Forwarded-Proto). Loopback is always trusted, so nginx on the same machine needs nothing.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of proxies in front of the app, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks whose addresses are all proxies, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
