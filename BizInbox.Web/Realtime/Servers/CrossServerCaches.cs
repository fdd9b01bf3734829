using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Identity.TwoFactor;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Clears this server's caches when another server changed what they hold.</summary>
internal sealed class CrossServerCaches(ICrossServerSignals signals, IServiceProvider services) : IHostedService
{
    private readonly List<IDisposable> _handlers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _handlers.Add(signals.Subscribe(CrossServerSignal.WhatsAppConnectionsChanged, () => services.GetRequiredService<WhatsAppConnections>().ForgetSecrets()));
        _handlers.Add(signals.Subscribe(CrossServerSignal.BusinessTimeChanged, () =>
        {
            services.GetRequiredService<BusinessTime>().ForgetZone();
            ReportFactRecorder.ForgetCalendars();
        }));
        _handlers.Add(signals.Subscribe(CrossServerSignal.TwoFactorRequirementChanged, () => services.GetRequiredService<TeamTwoFactorPolicy>().Forget()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _handlers.ForEach(h => h.Dispose());
        return Task.CompletedTask;
    }
}
