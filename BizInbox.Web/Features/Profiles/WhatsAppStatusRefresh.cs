using BizInbox.Domain;

namespace BizInbox.Web.Features.Profiles;

/// <summary>Asks WhatsApp about the connected number at start-up and then daily: name review, badge, quality, tier.</summary>
public sealed class WhatsAppStatusRefresh(WhatsAppProfileSync sync, TimeProvider clock, ILogger<WhatsAppStatusRefresh> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            try
            {
                await sync.RefreshAsync(stoppingToken);
            }
            catch (DomainException ex)
            {
                log.LogWarning("Asking WhatsApp about the number failed ({Code}); tomorrow's round tries again.", ex.Code);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Asking WhatsApp about the number failed; tomorrow's round tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
