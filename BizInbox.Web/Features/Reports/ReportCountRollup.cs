using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using BizInbox.Web.Data;
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

    private static readonly ConditionalWeakTable<DbContext, List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)>> Saves = new();

    /// <summary>
    /// Rows per upsert statement: five parameters a row, and SQLite takes at most 32,766 parameters a statement (PostgreSQL
    /// 65,535), which a large save (the seeder, an import, a backfill) passes.
    /// </summary>
    private const int RowsPerStatement = 1000;

    // Per context type (each provider has its own): the provider's name is read from its assembly's metadata on every
    // call, which cost the webhook writer a few percent of its time when asked on every save.
    private static readonly ConcurrentDictionary<Type, bool> KeptByContextType = new();

    /// <summary>Whether <paramref name="db"/>'s provider keeps the rollup (and reports may read it).</summary>
    public static bool IsKept(DbContext db) => KeptByContextType.GetOrAdd(db.GetType(), _ => db.Database.ProviderName is { } name
        && (name.EndsWith(".Sqlite", StringComparison.Ordinal) || name.EndsWith(".PostgreSQL", StringComparison.Ordinal)));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Collect(db) is { Count: > 0 } counts)
        {
            // The facts and their counts commit together: without a transaction of the caller's, this save gets one.
            SaveTransaction.Require(db);
            Saves.AddOrUpdate(db, counts);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Collect(db) is { Count: > 0 } counts)
        {
            await SaveTransaction.RequireAsync(db, cancellationToken);
            Saves.AddOrUpdate(db, counts);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Saves.TryGetValue(db, out var counts))
        {
            Saves.Remove(db);
            try
            {
                foreach (var chunk in counts.Chunk(RowsPerStatement))
                {
                    using var command = Upsert(db, chunk);
                    command.ExecuteNonQuery();
                }
            }
            catch
            {
                SaveTransaction.Abandon(db);
                throw;
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Saves.TryGetValue(db, out var counts))
        {
            Saves.Remove(db);
            try
            {
                foreach (var chunk in counts.Chunk(RowsPerStatement))
                {
                    await using var command = Upsert(db, chunk);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            catch
            {
                SaveTransaction.Abandon(db);
                throw;
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saves.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saves.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Saves.Remove(eventData.Context!);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saves.Remove(eventData.Context!);
        return Task.CompletedTask;
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
