using System.Data.Common;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Appends the durations of each save's time facts to their day's <see cref="ReportDurationDay"/> in the same
/// transaction (<c>INSERT ... ON CONFLICT DO UPDATE</c> concatenating the packed values), so that a report reads a row per
/// day, metric, inbox and agent instead of a row per fact. The day is the business's, in the zone the fact recorder
/// uses. Runs after <see cref="ReportFactRecorder"/>.
/// </summary>
public sealed class ReportDurationRollup : FactRollup<ReportDurationRollup.Row>
{
    public static readonly ReportDurationRollup Instance = new();

    /// <summary>Rows per upsert statement: eight parameters a row, well within SQLite's 32,766.</summary>
    private const int RowsPerStatement = 1000;

    /// <summary>One row's addition: a day's durations of one metric, inbox and agent.</summary>
    public sealed record Row(FactKind Kind, (long From, long To) Day, int InboxId, string AgentId, List<double> Seconds, List<double> BusinessSeconds);

    /// <summary>What of a time fact the summaries keep.</summary>
    public sealed record TimedFact(FactKind Kind, long AtTicks, int InboxId, string? AgentId, double? Seconds, double? BusinessSeconds);

    protected override List<Row>? Collect(DbContext db)
    {
        var facts = Added<ReportFact>(db, f => ReportDurationDay.Kinds.Contains(f.Kind));
        return facts.Count == 0 ? null : Rows(facts.Select(Timed), ReportFactRecorder.CurrentCalendar(db).Zone);
    }

    protected override async ValueTask<List<Row>?> CollectAsync(DbContext db, CancellationToken ct)
    {
        var facts = Added<ReportFact>(db, f => ReportDurationDay.Kinds.Contains(f.Kind));
        return facts.Count == 0 ? null : Rows(facts.Select(Timed), (await ReportFactRecorder.CurrentCalendarAsync(db, ct)).Zone);
    }

    /// <summary>The day rows that <paramref name="facts"/> make in <paramref name="zone"/>, in one order for every writer.</summary>
    public static List<Row> Rows(IEnumerable<TimedFact> facts, TimeZoneInfo zone)
    {
        // Every quarter hour lies in one day: working the day out once per quarter hour spares a year's rebuild most of it.
        var days = new Dictionary<long, (long From, long To)>();
        (long From, long To) DayOf(long ticks)
        {
            var slot = ticks / ReportFact.SlotTicks;
            if (!days.TryGetValue(slot, out var day))
            {
                days[slot] = day = ReportDurationDay.DayOf(ticks, zone);
            }

            return day;
        }

        return [.. facts
            .GroupBy(f => (f.Kind, Day: DayOf(f.AtTicks), f.InboxId, AgentId: f.AgentId ?? ReportCount.NoAgent))
            // One order for every writer, so that two PostgreSQL transactions never wait for each other's rows crosswise.
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Day.From).ThenBy(g => g.Key.Day.To).ThenBy(g => g.Key.InboxId).ThenBy(g => g.Key.AgentId, StringComparer.Ordinal)
            .Select(g => new Row(g.Key.Kind, g.Key.Day, g.Key.InboxId, g.Key.AgentId,
                [.. g.Select(f => f.Seconds ?? 0)], [.. g.Select(f => f.BusinessSeconds ?? 0)]))];
    }

    private static TimedFact Timed(ReportFact f) => new(f.Kind, f.AtTicks, f.InboxId, f.AgentId, f.Seconds, f.BusinessSeconds);

    protected override IEnumerable<DbCommand> Commands(DbContext db, List<Row> rows) =>
        rows.Chunk(RowsPerStatement).Select(chunk => Upsert(db, chunk));

    private static DbCommand Upsert(DbContext db, Row[] days)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<string>(days.Length);
        for (var i = 0; i < days.Length; i++)
        {
            var day = days[i];
            rows.Add($"(@k{i}, @f{i}, @t{i}, @i{i}, @a{i}, @c{i}, @s{i}, @b{i})");
            Add(command, $"@k{i}", (int)day.Kind);
            Add(command, $"@f{i}", day.Day.From);
            Add(command, $"@t{i}", day.Day.To);
            Add(command, $"@i{i}", day.InboxId);
            Add(command, $"@a{i}", day.AgentId);
            Add(command, $"@c{i}", (long)day.Seconds.Count);
            Add(command, $"@s{i}", ReportDurationDay.Pack(day.Seconds));
            Add(command, $"@b{i}", ReportDurationDay.Pack(day.BusinessSeconds));
        }

        command.CommandText = $"""
            INSERT INTO "ReportDurationDays" ("Kind", "FromSlot", "ToSlot", "InboxId", "AgentId", "Count", "Seconds", "BusinessSeconds")
            VALUES {string.Join(", ", rows)}
            ON CONFLICT ("Kind", "FromSlot", "ToSlot", "InboxId", "AgentId") DO UPDATE SET "Count" = "ReportDurationDays"."Count" + excluded."Count",
                "Seconds" = {Concatenated(db, "Seconds")}, "BusinessSeconds" = {Concatenated(db, "BusinessSeconds")}
            """;
        return command;
    }

    // SQLite's || makes text of blobs (byte for byte); the cast makes it a blob again. PostgreSQL's || joins bytea.
    private static string Concatenated(DbContext db, string column)
    {
        var joined = $"\"ReportDurationDays\".\"{column}\" || excluded.\"{column}\"";
        return db.Database.IsSqlite() ? $"CAST({joined} AS BLOB)" : joined;
    }
}
