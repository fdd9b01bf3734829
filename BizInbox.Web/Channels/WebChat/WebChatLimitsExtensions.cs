using System.Threading.RateLimiting;
using BizInbox.Web.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace BizInbox.Web.Channels.WebChat;

public static class WebChatLimitsExtensions
{
    public static IServiceCollection AddWebChatLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebChatLimitsOptions.Section);
        services.Configure<WebChatLimitsOptions>(section);
        var limits = section.Get<WebChatLimitsOptions>() ?? new WebChatLimitsOptions();
        services.AddSingleton<WebChatLimits>();
        services.AddSingleton<WebChatFloodNotice>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Counted where the other per-address limits are (IWindowLimits: in Redis with several servers).
            options.AddPolicy(WebChatLimits.ConnectPolicy, context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.Get(address, key => new SharedWindowLimiter(
                    context.RequestServices.GetRequiredService<IWindowLimits>(), "webchat-connections", key,
                    limits.ConnectionsPerAddressPerMinute, TimeSpan.FromMinutes(1), context.RequestServices.GetRequiredService<TimeProvider>()));
            });
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
