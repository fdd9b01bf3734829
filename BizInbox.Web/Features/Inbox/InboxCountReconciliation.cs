using System.Data;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// Compares the kept tab counts (<see cref="InboxCount"/>) with a full count and adds the difference: at start (which also
/// fills them on an installation that had none, or after a bulk load) and every quarter hour on one server, for whatever set-based SQL or a
/// crash between two statements left out. Both sides are read in one snapshot and the difference is added, not set, so
/// changes committed meanwhile (already added by <see cref="InboxCountKeeper"/>) are not undone.
/// </summary>
public sealed class InboxCountReconciliation(
    IDbContextFactory<BizInboxDbContext> contexts, Servers.Leases leases, TimeProvider clock, ILogger<InboxCountReconciliation> logger)
    : Servers.InstallationSingleton(leases, clock, logger)
{
    protected override string LeaseName => "inbox-count-reconciliation";

    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(15);

    protected override Task RunRoundAsync(CancellationToken ct) => RepairAsync(ct);

    /// <summary>Repairs the counts that differ from a full count; returns how many were repaired.</summary>
    public async Task<int> RepairAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!ReportCountRollup.IsKept(db))
        {
            return 0;
        }

        Dictionary<InboxCountKeeper.Key, long> differences;
        await using (var snapshot = await BeginSnapshotAsync(db, ct))
        {
            var truth = await TrueCountsAsync(db, ct);
            var stored = await db.InboxCounts.AsNoTracking().ToListAsync(ct);
            differences = truth;
            foreach (var row in stored)
            {
                var key = new InboxCountKeeper.Key(row.Kind, row.UserId, row.Status, row.InboxId, row.AssigneeId);
                differences[key] = differences.GetValueOrDefault(key) - row.Count;
            }
        }

        var repairs = differences.Where(d => d.Value != 0).OrderBy(d => d.Key).ToList();
        if (repairs.Count > 0)
        {
            // Rows are never deleted (a count at zero stays), so that a row's version only ever rises. The servers that keep
            // the counts in memory read them all again: a row deleted behind the app's back came back at a lower version.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await InboxCountKeeper.AddAsync(db, repairs, ct);
            db.AwaitingCommit.Add(new InboxCountsMoved([], Reset: true));
            await transaction.CommitAsync(ct);
            Log.LogInformation("Repaired {Count} of the inbox's tab counts", repairs.Count);
        }

        return repairs.Count;
    }

    /// <summary>A read transaction that sees one state throughout: deferred on SQLite (no write lock), repeatable read on PostgreSQL.</summary>
    private static async Task<IAsyncDisposable> BeginSnapshotAsync(BizInboxDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            var transaction = sqlite.BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(transaction, ct);
            return new SqliteSnapshot(db, transaction);
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
    }

    /// <summary>EF does not end a transaction it was handed: this ends both.</summary>
    private sealed class SqliteSnapshot(BizInboxDbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Dictionary<InboxCountKeeper.Key, long>> TrueCountsAsync(BizInboxDbContext db, CancellationToken ct)
    {
        var counts = new Dictionary<InboxCountKeeper.Key, long>();
        var conversations = await db.Conversations.AsNoTracking()
            .GroupBy(c => new { c.Status, c.InboxId, AssigneeId = c.AssigneeId ?? InboxCount.Nobody })
            .Select(g => new { g.Key.Status, g.Key.InboxId, g.Key.AssigneeId, All = g.LongCount(), WithCustomer = g.LongCount(c => c.LastCustomerMessageAt != null) })
            .ToListAsync(ct);
        foreach (var g in conversations)
        {
            counts[new(InboxCountKind.Conversations, InboxCount.Nobody, g.Status, g.InboxId, g.AssigneeId)] = g.All;
            counts[new(InboxCountKind.WithCustomerMessages, InboxCount.Nobody, g.Status, g.InboxId, g.AssigneeId)] = g.WithCustomer;
        }

        var caughtUp = await (
                from r in db.ReadMarkers
                join c in db.Conversations on r.ConversationId equals c.Id
                where c.LastCustomerMessageAt != null && r.ReadUpTo >= c.LastCustomerMessageAt
                group r by new { r.UserId, c.Status, c.InboxId, AssigneeId = c.AssigneeId ?? InboxCount.Nobody } into g
                select new { g.Key.UserId, g.Key.Status, g.Key.InboxId, g.Key.AssigneeId, Count = g.LongCount() })
            .AsNoTracking().ToListAsync(ct);
        foreach (var g in caughtUp)
        {
            counts[new(InboxCountKind.CaughtUp, g.UserId, g.Status, g.InboxId, g.AssigneeId)] = g.Count;
        }

        return counts;
    }
}
