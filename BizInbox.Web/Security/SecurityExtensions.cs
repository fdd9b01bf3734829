using System.Net;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BizInbox.Web.Security;

public static class SecurityExtensions
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        DataDirectoryPermissions.RestrictNewFiles();
        var proxies = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddLogRedaction();
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's real address and scheme.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        DataDirectoryPermissions.Restrict(app.Services.GetRequiredService<DataDirectory>().Path);
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRateLimiter();
        return app;
    }
}
