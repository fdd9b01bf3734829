using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>Reopens conversations whose snooze time has come, every half minute.</summary>
public sealed class SnoozeWakeUp(
    IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ILogger<SnoozeWakeUp> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await WakeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Ending due snoozes failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Ends every due snooze; returns how many conversations reopened.</summary>
    public async Task<int> WakeDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await db.Conversations
            .Where(c => c.Status == ConversationStatus.Snoozed && c.SnoozedUntil != null && c.SnoozedUntil <= now)
            .OrderBy(c => c.SnoozedUntil).Take(500).ToListAsync(ct);
        foreach (var conversation in due)
        {
            db.Messages.AddRange(conversation.WakeIfDue(now));
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
