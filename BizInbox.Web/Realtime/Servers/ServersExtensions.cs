using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BizInbox.Web.Realtime.Servers;

public static class ServersExtensions
{
    /// <summary>
    /// One server (no <c>Redis:Configuration</c>): the in-process bus, no signals, presence in memory. Several servers:
    /// the same in-process bus with a Redis relay beside it, signals and presence over Redis, and the widget hub on
    /// SignalR's Redis backplane. Blazor circuits stay on their server (the proxy keeps a browser there).
    /// </summary>
    public static IServiceCollection AddServers(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RedisSettings.Section).Get<RedisSettings>() ?? new RedisSettings();
        services.AddSingleton(settings);
        services.AddHostedService<CrossServerCaches>();
        if (!settings.Enabled)
        {
            return services.AddOneServerDefaults();
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IInboxEventBus, RedisInboxEventBus>();
        services.AddSingleton<ICrossServerSignals, RedisCrossServerSignals>();
        services.AddSingleton<RedisPresenceBoard>();
        services.AddSingleton<IPresenceBoard>(sp => sp.GetRequiredService<RedisPresenceBoard>());
        services.AddHostedService<ServerHeartbeat>();
        services.AddSingleton<IWindowLimits, RedisWindowLimits>();
        services.AddSingleton<ISignInFailureStore, RedisSignInFailureStore>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        // The widget's hub only: its visitors may reconnect to any server.
        services.AddSingleton<HubLifetimeManager<WebChatHub>, RedisHubLifetimeManager<WebChatHub>>();
        // A connection of its own: the backplane disposes its connection when the app stops.
        services.Configure<RedisOptions>(options =>
        {
            options.Configuration = RedisConnection.Options(settings);
            options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal($"{settings.Prefix}:signalr");
        });
        return services.AddOneServerDefaults();
    }

    /// <summary>Whatever Redis did not take over stays in process (also for hosts that build only part of the app).</summary>
    public static IServiceCollection AddOneServerDefaults(this IServiceCollection services)
    {
        services.TryAddSingleton<InProcessInboxEventBus>();
        services.TryAddSingleton<IInboxEventBus>(sp => sp.GetRequiredService<InProcessInboxEventBus>());
        services.TryAddSingleton<ICrossServerSignals, NoOtherServers>();
        services.TryAddSingleton<IPresenceBoard, ThisServerOnly>();
        services.TryAddSingleton<IWindowLimits, InMemoryWindowLimits>();
        services.TryAddSingleton<ISignInFailureStore, InMemorySignInFailureStore>();
        return services;
    }
}
