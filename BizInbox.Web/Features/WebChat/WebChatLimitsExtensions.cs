using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BizInbox.Web.Features.WebChat;

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
            options.AddPolicy(WebChatLimits.ConnectPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.ConnectionsPerAddressPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
