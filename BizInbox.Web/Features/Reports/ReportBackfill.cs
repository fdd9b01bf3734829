using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Gives the conversations written before fact recording existed their reporting facts, once, at start-up before the
/// app serves: each timeline is replayed through the rules conversations apply live (<see cref="FactReplay"/>), and the
/// conversation keeps the clock it ends with, so that facts recorded from then on continue it. Conversations that
/// already have facts are skipped, so an interrupted run resumes where it stopped.
/// </summary>
public sealed class ReportBackfill(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ILogger<ReportBackfill> logger)
{
    private const int BatchSize = 500;

    /// <summary>Backfills when it has not run yet; returns how many facts it stored.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.ReportSettings.AnyAsync(s => s.BackfilledAt != null, ct))
            {
                return 0;
            }
        }

        var total = 0;
        var conversations = 0;
        long after = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var calendar = await ReportFactRecorder.LoadCalendarAsync(db, ct);
            var batch = await db.Conversations
                .Where(c => c.Id > after && !db.ReportFacts.Any(f => f.ConversationId == c.Id))
                .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(c => c.Id).ToList();
            var timelines = (await db.Messages.AsNoTracking()
                .Where(m => ids.Contains(m.ConversationId) && m.Kind != MessageKind.Note)
                .Select(m => new { m.ConversationId, Entry = new TimelineEntry(m.Id, m.Kind, m.Activity, m.Automatic, m.SenderUserId, m.CreatedAt) })
                .ToListAsync(ct))
                .ToLookup(m => m.ConversationId, m => m.Entry);
            foreach (var conversation in batch)
            {
                // A conversation that is resolved without ever having been resolved by anyone began as a blocked customer's.
                var startedBlocked = conversation.Status == ConversationStatus.Resolved && conversation.ResolvedAt is null;
                var (facts, final) = FactReplay.Replay(conversation.CreatedAt, startedBlocked, timelines[conversation.Id]);
                conversation.AdoptReplayedClock(final);
                foreach (var fact in facts)
                {
                    db.ReportFacts.Add(ReportFact.Of(conversation, fact, calendar));
                }

                total += facts.Count;
            }

            await db.SaveChangesAsync(ct);
            conversations += batch.Count;
            after = batch[^1].Id;
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var settings = await db.ReportSettings.FirstOrDefaultAsync(s => s.Id == ReportSettings.SingletonId, ct);
            if (settings is null)
            {
                settings = ReportSettings.Default();
                db.ReportSettings.Add(settings);
            }

            settings.Backfilled(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        if (total > 0)
        {
            logger.LogInformation("Reports: recorded {Facts} fact(s) for {Conversations} earlier conversation(s)", total, conversations);
        }

        return total;
    }
}
