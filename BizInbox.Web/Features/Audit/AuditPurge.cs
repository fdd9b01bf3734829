using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.Audit;

/// <summary>Deletes audit entries older than the retention period, at start-up and then every hour.</summary>
public sealed class AuditPurge(
    IDbContextFactory<BizInboxDbContext> contexts, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditPurge> log) : BackgroundService
{
    /// <summary>The one path that removes audit entries: SQL, not SaveChanges, which refuses it.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Purging old audit entries failed; the next round tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
