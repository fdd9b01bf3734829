using BizInbox.Domain;

namespace BizInbox.Web.Features.Profiles;

/// <summary>
/// Asks WhatsApp about the connected number at start-up and then daily (name review, badge, quality, tier), on one
/// server of the installation.
/// </summary>
public sealed class WhatsAppStatusRefresh(WhatsAppProfileSync sync, Servers.Leases leases, TimeProvider clock, ILogger<WhatsAppStatusRefresh> log)
    : Servers.InstallationSingleton(leases, clock, log)
{
    protected override string LeaseName => "whatsapp-status-refresh";

    protected override TimeSpan Interval { get; } = TimeSpan.FromDays(1);

    protected override Task RunRoundAsync(CancellationToken ct) => sync.RefreshAsync(ct);

    protected override void Failed(Exception ex)
    {
        if (ex is DomainException domain)
        {
            Log.LogWarning("Asking WhatsApp about the number failed ({Code}); tomorrow's round tries again.", domain.Code);
        }
        else
        {
            Log.LogWarning(ex, "Asking WhatsApp about the number failed; tomorrow's round tries again.");
        }
    }
}
