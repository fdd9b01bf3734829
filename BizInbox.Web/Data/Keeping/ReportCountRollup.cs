using System.Collections.Concurrent;
using System.Data.Common;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Adds the countable facts of each save to <see cref="ReportCount"/> in the same transaction: an unfiltered report then
/// counts a year from a few thousand rollup rows instead of a million message facts. SQLite and PostgreSQL add with
/// <c>INSERT ... ON CONFLICT DO UPDATE</c>; on SQL Server the rollup is not kept and reports count the facts.
/// Runs after <see cref="ReportFactRecorder"/>, which adds the facts while saving.
/// </summary>
public sealed class ReportCountRollup : FactRollup<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)>
{
    public static readonly ReportCountRollup Instance = new();

    /// <summary>
    /// Rows per upsert statement: five parameters a row, and SQLite takes at most 32,766 parameters a statement (PostgreSQL
    /// 65,535), which a large save (the seeder, an import, a backfill) passes.
    /// </summary>
    private const int RowsPerStatement = 1000;

    // Per context type (each provider has its own): the provider's name is read from its assembly's metadata on every
    // call, which cost the webhook writer a few percent of its time when asked on every save.
    private static readonly ConcurrentDictionary<Type, bool> KeptByContextType = new();

    /// <summary>Whether <paramref name="db"/>'s provider keeps the rollups (and reports may read them).</summary>
    public static bool IsKept(DbContext db) => KeptByContextType.GetOrAdd(db.GetType(), _ => db.Database.ProviderName is { } name
        && (name.EndsWith(".Sqlite", StringComparison.Ordinal) || name.EndsWith(".PostgreSQL", StringComparison.Ordinal)));

    protected override List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)>? Collect(DbContext db) =>
        Added<ReportFact>(db, f => ReportCount.Kinds.Contains(f.Kind))
            .GroupBy(f => (f.Kind, f.Slot, f.InboxId, AgentId: f.AgentId ?? ReportCount.NoAgent))
            // One order for every writer, so that two PostgreSQL transactions never wait for each other's rows crosswise.
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Slot).ThenBy(g => g.Key.InboxId).ThenBy(g => g.Key.AgentId, StringComparer.Ordinal)
            .Select(g => (g.Key.Kind, g.Key.Slot, g.Key.InboxId, g.Key.AgentId, (long)g.Count()))
            .ToList();

    protected override IEnumerable<DbCommand> Commands(DbContext db, List<(FactKind Kind, long Slot, int InboxId, string AgentId, long Count)> rows) =>
        rows.Chunk(RowsPerStatement).Select(chunk => Upsert(db, chunk));

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
}
