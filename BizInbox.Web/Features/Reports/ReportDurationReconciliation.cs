using BizInbox.Domain.Reporting;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Rebuilds the day summaries of durations (<see cref="ReportDurationDay"/>) that differ from the facts, at start-up: it
/// fills them on an installation that had none, moves them to the business's days after a time zone change, and repairs
/// whatever a statement past SaveChanges left out. It first compares without locks (usually nothing differs, and
/// writers need not wait for that); it repairs holding the summaries' write lock, so that a reply saved meanwhile
/// appends after the repair and is neither lost nor counted twice.
/// </summary>
public sealed class ReportDurationReconciliation(IDbContextFactory<BizInboxDbContext> contexts, ILogger<ReportDurationReconciliation> logger)
{
    /// <summary>Rebuilds the rows that differ from the facts; returns how many rows it wrote or removed.</summary>
    public async Task<int> RepairAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!ReportCountRollup.IsKept(db))
        {
            return 0;
        }

        var zone = (await ReportFactRecorder.LoadCalendarAsync(db, ct)).Zone;
        if (await ComparedAsync(db, zone, ct) == 0)
        {
            return 0;
        }

        db.ChangeTracker.Clear();

        // SQLite's transaction takes the write lock at once (BEGIN IMMEDIATE); PostgreSQL's writers wait at the table lock.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "ReportDurationDays" IN SHARE ROW EXCLUSIVE MODE""", ct);
        }

        var repaired = await ComparedAsync(db, zone, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Reports: rebuilt {Rows} day summaries of durations from the facts", repaired);
        return repaired;
    }

    /// <summary>Tracks the changes that make the stored rows equal the facts (saving them is the caller's); returns how many.</summary>
    private static async Task<int> ComparedAsync(BizInboxDbContext db, TimeZoneInfo zone, CancellationToken ct)
    {
        var facts = await db.ReportFacts.AsNoTracking().Where(f => ReportDurationDay.Kinds.Contains(f.Kind))
            .Select(f => new ReportDurationRollup.TimedFact(f.Kind, f.AtTicks, f.InboxId, f.AgentId, f.Seconds, f.BusinessSeconds))
            .ToListAsync(ct);
        var truth = ReportDurationRollup.Rows(facts, zone).ToDictionary(r => (r.Kind, r.Day, r.InboxId, r.AgentId));
        var changes = 0;
        foreach (var stored in await db.ReportDurationDays.ToListAsync(ct))
        {
            if (!truth.Remove((stored.Kind, (stored.FromSlot, stored.ToSlot), stored.InboxId, stored.AgentId), out var row))
            {
                db.ReportDurationDays.Remove(stored);
                changes++;
            }
            else if (stored.Count != row.Seconds.Count || !Same(stored.Seconds, row.Seconds) || !Same(stored.BusinessSeconds, row.BusinessSeconds))
            {
                stored.Replace(row.Seconds, row.BusinessSeconds);
                changes++;
            }
        }

        foreach (var row in truth.Values)
        {
            db.ReportDurationDays.Add(ReportDurationDay.Of(row.Kind, row.Day, row.InboxId, row.AgentId, row.Seconds, row.BusinessSeconds));
            changes++;
        }

        return changes;
    }

    /// <summary>Whether the packed <paramref name="stored"/> values are the same multiset as <paramref name="expected"/>.</summary>
    private static bool Same(byte[] stored, List<double> expected)
    {
        var values = new List<double>(expected.Count);
        ReportDurationDay.Unpack(stored, values);
        if (values.Count != expected.Count)
        {
            return false;
        }

        values.Sort();
        return values.SequenceEqual(expected.Order());
    }
}
