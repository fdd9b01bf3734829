using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Adds the countable facts of each save to <see cref="ReportCount"/> in the same transaction: an unfiltered report then
/// counts a year from a few thousand rollup rows instead of a million message facts. SQLite and PostgreSQL add with
/// <c>INSERT ... ON CONFLICT DO UPDATE</c>; on SQL Server the rollup is not kept and reports count the facts.
/// Runs after <see cref="ReportFactRecorder"/>, which adds the facts while saving.
/// </summary>
public sealed class ReportCountRollup : SaveChangesInterceptor
{
    public static readonly ReportCountRollup Instance = new();

    /// <summary>Five parameters a row: SQLite allows 32,766 in a statement, and a large save (the seeder's) has more groups.</summary>
    private const int MaxRowsPerUpsert = 1000;

    private static readonly ConditionalWeakTable<DbContext, Pending> Saves = new();

    // Per context type (each provider has its own): the provider's name is read from its assembly's metadata on every
    // call, which cost the webhook writer a few percent of its time when asked on every save.
    private static readonly ConcurrentDictionary<Type, bool> KeptByContextType = new();

    /// <summary>Whether <paramref name="db"/>'s provider keeps the rollup (and reports may read it).</summary>
    public static bool IsKept(DbContext db) => KeptByContextType.GetOrAdd(db.GetType(), _ => db.Database.ProviderName is { } name
        && (name.EndsWith(".Sqlite", StringComparison.Ordinal) || name.EndsWith(".PostgreSQL", StringComparison.Ordinal)));

    private sealed class Pending(List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)> counts, IDbContextTransaction? owned)
    {
        public List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)> Counts { get; } = counts;

        public IDbContextTransaction? Owned { get; } = owned;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Collect(db) is { Count: > 0 } counts)
        {
            // The facts and their counts commit together: without a transaction of the caller's, this save gets one.
            var owned = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
            Saves.AddOrUpdate(db, new Pending(counts, owned));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Collect(db) is { Count: > 0 } counts)
        {
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            Saves.AddOrUpdate(db, new Pending(counts, owned));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Saves.TryGetValue(db, out var pending))
        {
            Saves.Remove(db);
            try
            {
                foreach (var rows in pending.Counts.Chunk(MaxRowsPerUpsert))
                {
                    using var command = Upsert(db, rows);
                    command.ExecuteNonQuery();
                }

                pending.Owned?.Commit();
            }
            finally
            {
                pending.Owned?.Dispose();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Saves.TryGetValue(db, out var pending))
        {
            Saves.Remove(db);
            try
            {
                foreach (var rows in pending.Counts.Chunk(MaxRowsPerUpsert))
                {
                    await using var command = Upsert(db, rows);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                if (pending.Owned is { } owned)
                {
                    await owned.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (pending.Owned is { } owned)
                {
                    await owned.DisposeAsync();
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A failed save leaves nothing behind: the transaction this interceptor began is rolled back by disposing it.</summary>
    private static void Abandon(DbContext? db)
    {
        if (db is not null && Saves.TryGetValue(db, out var pending))
        {
            Saves.Remove(db);
            pending.Owned?.Dispose();
        }
    }

    private static List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)>? Collect(DbContext db)
    {
        if (!IsKept(db))
        {
            return null;
        }

        // Facts are only ever added; listing the added ones must not run another full change detection.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<ReportFact>()
                .Where(e => e.State == EntityState.Added && ReportCount.Kinds.Contains(e.Entity.Kind))
                .GroupBy(e => (e.Entity.Kind, e.Entity.Slot, e.Entity.InboxId, AgentId: e.Entity.AgentId ?? ReportCount.NoAgent))
                // One order for every writer, so that two PostgreSQL transactions never wait for each other's rows crosswise.
                .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Slot).ThenBy(g => g.Key.InboxId).ThenBy(g => g.Key.AgentId, StringComparer.Ordinal)
                .Select(g => (g.Key.Kind, g.Key.Slot, g.Key.InboxId, g.Key.AgentId, (long)g.Count()))
                .ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static DbCommand Upsert(DbContext db, (FactKind Kind, long Slot, int InboxId, string AgentId, long Count)[] counts)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<string>(counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            var (kind, slot, inboxId, agentId, count) = counts[i];
            rows.Add($"(@k{i}, @s{i}, @i{i}, @a{i}, @c{i})");
            Add(command, $"@k{i}", (int)kind);
            Add(command, $"@s{i}", slot);
            Add(command, $"@i{i}", inboxId);
            Add(command, $"@a{i}", agentId);
            Add(command, $"@c{i}", count);
        }

        command.CommandText = $"""
            INSERT INTO "ReportCounts" ("Kind", "Slot", "InboxId", "AgentId", "Count") VALUES {string.Join(", ", rows)}
            ON CONFLICT ("Kind", "Slot", "InboxId", "AgentId") DO UPDATE SET "Count" = "ReportCounts"."Count" + excluded."Count"
            """;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
