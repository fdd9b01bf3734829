namespace BizInbox.Web.Features.Contacts;

/// <summary>Forgets merges past their 30-day undo period, at start-up and then every hour (the lists also sweep when read).</summary>
public sealed class ContactMergePurge(ContactMergeService merges, TimeProvider clock, ILogger<ContactMergePurge> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await merges.PurgeExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Purging expired contact merges failed; the next round tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
