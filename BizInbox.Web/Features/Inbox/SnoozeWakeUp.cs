using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Features.Inbox;

/// <summary>Reopens conversations whose snooze time has come, every half minute, on one server of the installation.</summary>
public sealed class SnoozeWakeUp(
    IDbContextFactory<BizInboxDbContext> contexts, Servers.Leases leases, TimeProvider clock, ILogger<SnoozeWakeUp> logger)
    : Servers.InstallationSingleton(leases, clock, logger)
{
    protected override string LeaseName => "snooze-wake-up";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    protected override Task RunRoundAsync(CancellationToken ct) => WakeDueAsync(ct);

    /// <summary>
    /// Ends every due snooze; returns how many conversations reopened. An agent who resolved (or otherwise changed) one
    /// of them meanwhile wins: the save fails on its version and the pass starts again from what is stored.
    /// </summary>
    public async Task<int> WakeDueAsync(CancellationToken ct = default)
    {
        return await Conflicts.RetryAsync(async () =>
        {
            var now = Clock.GetUtcNow();
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
        });
    }
}
