using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Realtime;
using BizInbox.Web.Realtime.Servers;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Ui;

namespace BizInbox.Web.Features;

public static class InboxExtensions
{
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
        services.AddOneServerDefaults();
        services.AddSingleton<LiveSignals>();
        services.AddSingleton<CommittedEventPublisher>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<CommittedEventPublisher>());
        services.AddSingleton<ConversationPresence>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ReadMarkWriter>();
        services.AddSingleton<DraftService>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<InboxCountBoard>();
        services.AddSingleton<ThreadQueries>();
        services.AddSingleton<BusinessTime>();
        services.ForgetOnSignal(CrossServerSignal.BusinessTimeChanged, sp =>
        {
            sp.GetRequiredService<BusinessTime>().ForgetZone();
            ReportFactRecorder.ForgetCalendars();
        });
        services.AddSingleton<SnoozeWakeUp>();
        services.AddSingleton<InboxCountReconciliation>();
        services.AddSingleton<Labels.LabelService>();
        services.AddSingleton<CannedReplies.CannedReplyService>();
        services.AddSingleton<Contacts.ContactService>();
        services.AddSingleton(new Contacts.ConversationStarter(typeof(Inbox.NewConversation.NewConversationButton)));
        services.AddSingleton<Contacts.ContactMergeService>();
        services.AddHostedService<Contacts.ContactMergePurge>();
        services.AddSingleton<Contacts.Import.ContactImportService>();
        services.AddSingleton<Contacts.Export.ContactExportService>();
        services.AddSingleton<Contacts.Privacy.ContactDataExport>();
        services.AddSingleton<Contacts.Privacy.ContactErasureService>();
        services.AddSingleton<Contacts.ContactAttributeService>();
        services.AddSingleton<Contacts.SegmentService>();
        services.AddSingleton<Scheduling.BusinessHoursService>();
        services.AddSingleton<Profiles.ProfileService>();
        services.AddSingleton<BizInbox.Web.Channels.IBusinessIdentitySource>(sp => sp.GetRequiredService<Profiles.ProfileService>());
        services.AddSingleton<Profiles.WhatsAppProfileSync>();
        services.AddSingleton<BizInbox.Web.Channels.IWhatsAppNameDecisions>(sp => sp.GetRequiredService<Profiles.WhatsAppProfileSync>());
        services.AddHostedService<Profiles.WhatsAppStatusRefresh>();
        services.AddSingleton<Scheduling.AutomaticMessageService>();
        services.AddSingleton<BizInbox.Web.Channels.IAutomaticAnswers>(sp => sp.GetRequiredService<Scheduling.AutomaticMessageService>());
        services.AddSingleton<Channels.ChannelService>();
        services.AddSingleton<Templates.TemplateService>();
        services.AddSingleton<Simulator.SimulatorService>();
        Simulator.SimulatorServiceCollectionExtensions.AddWhatsAppSimulator(services);
        services.AddSingleton<BizInbox.Web.Channels.WhatsApp.WhatsAppConnections>();
        services.ForgetOnSignal(CrossServerSignal.WhatsAppConnectionsChanged, sp => sp.GetRequiredService<BizInbox.Web.Channels.WhatsApp.WhatsAppConnections>().ForgetSecrets());
        services.AddSingleton<BizInbox.Web.Channels.WhatsApp.WhatsAppIngest>();
        services.AddSingleton<BizInbox.Web.Channels.WhatsApp.WhatsAppBatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BizInbox.Web.Channels.WhatsApp.WhatsAppBatchWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<SnoozeWakeUp>());
        services.AddHostedService(sp => sp.GetRequiredService<InboxCountReconciliation>());
        BizInbox.Web.Channels.WhatsApp.WhatsAppServiceCollectionExtensions.AddWhatsAppChannel(services);
        services.AddSingleton<WebChatService>();
        services.AddSingleton<BizInbox.Web.Channels.IOutboundChannel, WebChatChannel>();
        services.AddSingleton<BizInbox.Web.Channels.ConversationChannels>();
        services.AddSingleton<WebChatFiles>();
        services.AddSingleton<Search.SearchService>();
        services.AddSingleton<Search.SearchBackfill>();
        services.AddSingleton<Reports.ReportBackfill>();
        services.AddSingleton<Reports.ReportDurationReconciliation>();
        services.AddSingleton(sp => new Reports.ReportReads(sp.GetService<IConfiguration>()?.GetValue<int?>(Reports.ReportReads.ThreadsKey)));
        services.AddSingleton<Reports.ReportService>();
        services.AddSingleton<Reports.ReportExport>();
        services.AddSingleton<Reports.LiveOverviewService>();
        services.AddSingleton<WebChatRelay>();
        services.AddScoped<LiveUpdates>();
        services.AddSingleton<OnlineMembers>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, OnlineCircuit>();
        services.AddScoped<CircuitReconnects>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitReconnects>());
        return services;
    }

    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder endpoints, IWebHostEnvironment environment)
    {
        endpoints.MapHub<WebChatHub>(WebChatHub.Path).AllowAnonymous().RequireRateLimiting(WebChatLimits.ConnectPolicy);
        BizInbox.Web.Channels.WhatsApp.WhatsAppWebhookEndpoints.MapWhatsAppWebhook(endpoints);
        BizInbox.Web.Channels.Media.MediaEndpoints.MapMedia(endpoints);
        endpoints.MapWebChatFiles();
        Contacts.Export.ContactExportEndpoints.MapContactExport(endpoints);
        Contacts.Privacy.ContactDataExportEndpoints.MapContactDataExport(endpoints);
        Reports.ReportExportEndpoints.MapReportExports(endpoints);
        Profiles.ProfileEndpoints.MapProfilePicture(endpoints);
        Audit.AuditExportEndpoints.MapAuditExport(endpoints);
        Simulator.SimulatorGraphEndpoints.MapWhatsAppSimulator(endpoints);

        // The customer's chat page: static HTML, no Blazor, embeddable on any website.
        var chatPage = environment.WebRootFileProvider.GetFileInfo("chat/index.html");
        endpoints.MapGet("/chat", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["Content-Security-Policy"] =
                "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; frame-ancestors *";
            return Results.Stream(chatPage.CreateReadStream(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }
}
