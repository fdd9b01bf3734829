using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>How the app talks to the Graph API.</summary>
public sealed class GraphApiOptions
{
    /// <summary>How long a request may take before it counts as unanswered.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>The WhatsApp channel's outbound side: its replies, the Graph API client, the outbox worker and the media store.</summary>
    public static IServiceCollection AddWhatsAppChannel(this IServiceCollection services)
    {
        services.AddOptions<GraphApiOptions>().BindConfiguration("WhatsApp:Graph");
        services.AddOptions<GraphAddressOptions>().BindConfiguration("WhatsApp:Graph");
        services.AddSingleton<GraphAddressPolicy>();
        services.AddHostedService<GraphAddressCheck>();
        services.AddOptions<ChannelJobOptions>().BindConfiguration("WhatsApp:Outbox");
        services.AddSingleton(sp =>
        {
            // Redirects are never followed: every request goes where the connection says, nowhere else.
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            };
            var http = new HttpClient(handler) { Timeout = sp.GetRequiredService<IOptions<GraphApiOptions>>().Value.Timeout };
            return new GraphApiClient(http, sp.GetRequiredService<ILogger<GraphApiClient>>(), sp.GetRequiredService<GraphAddressPolicy>());
        });
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        services.AddSingleton<IMediaStorage>(sp => DirectoryMediaStorage.For(
            sp.GetRequiredService<IOptions<MediaOptions>>().Value, sp.GetRequiredService<Data.DataDirectory>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<MediaStore>();
        services.AddSingleton<ChannelJobSignal>();
        services.AddSingleton<IOutboundChannel, WhatsAppChannel>();
        services.AddHostedService<ChannelJobRelay>();
        services.AddSingleton<ChannelJobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelJobWorker>());
        services.AddHostedService<ChannelJobPurge>();
        return services;
    }
}
