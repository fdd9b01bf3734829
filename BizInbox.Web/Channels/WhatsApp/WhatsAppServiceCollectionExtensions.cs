using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WhatsApp;

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
        services.AddOptions<WhatsAppIngestOptions>().BindConfiguration(WhatsAppIngestOptions.Section);
        services.AddGraphApiClient();
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
