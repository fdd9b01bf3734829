using System.Diagnostics;
using BizInbox.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Web.Seeding;

/// <summary>The highest ids before (or after) the template was seeded: the template is what lies between two marks.</summary>
public sealed record IdMarks(long Conversations, long Messages, long SearchDocuments, long ReportFacts, long ContactActivities)
{
    public static async Task<IdMarks> ReadAsync(BizInboxDbContext db, CancellationToken ct) => new(
        await db.Conversations.MaxAsync(c => (long?)c.Id, ct) ?? 0,
        await db.Messages.MaxAsync(m => (long?)m.Id, ct) ?? 0,
        await db.SearchDocuments.MaxAsync(d => (long?)d.Id, ct) ?? 0,
        await db.ReportFacts.MaxAsync(f => (long?)f.Id, ct) ?? 0,
        await db.ContactActivities.MaxAsync(a => (long?)a.Id, ct) ?? 0);
}

/// <summary>
/// Multiplies a seeded template set in SQL, one <c>INSERT … SELECT</c> per table: copy n of a row gets the id of the
/// row plus n times the template's id span, a Guid with n in its last digits, its instants moved back by n % 26 weeks
/// and n / 26 seconds (whole weeks keep the business-hour durations of the report facts), and a contact's number its own
/// eight digits. Columns the copy does not change are read from the catalog, so a column added later is copied as it is.
/// A table's secondary indexes are set aside while it is copied and created again at the end.
/// The report's quarter-hour rollup is counted again from the facts; the tab counts and the duration summaries are the
/// reconciliations' (see <see cref="SeedCommand"/>), the full-text indexes <see cref="BulkLoad"/>'s.
/// </summary>
public sealed class TemplateCopies(BizInboxDbContext db, CopySql sql, IdMarks before, IdMarks after, long total, ILogger logger) : IAsyncDisposable
{
    /// <summary>How far copy <paramref name="n"/> moves back in time, in seconds, as SQL over the column <paramref name="n"/>.</summary>
    public static string SecondsOf(string n) => $"({n} % 26) * 604800 + {n} / 26";

    private readonly List<(string Table, string Restore)> _restore = [];

    private long ConversationSpan => after.Conversations - before.Conversations;

    /// <summary>Copies the template until there are <paramref name="total"/> conversations of it (the last copy may be partial).</summary>
    /// <returns>How many conversations and timeline entries the copies added.</returns>
    public async Task<(int Conversations, int Messages)> CopyAsync(CancellationToken ct)
    {
        var copies = (int)((total + ConversationSpan - 1) / ConversationSpan) - 1;
        if (copies < 1)
        {
            return (0, 0);
        }

        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(sql.CreateCopies(copies), ct);
        var digits = sql.EightDigits(Rank("v.\"Id\""));
        var number = $"('176' || {digits})";
        await InsertAsync("Contacts", """JOIN "Conversations" v ON v."ContactId" = t."Id" """ + Copied("v.\"Id\""), "v.\"Id\"", new()
        {
            ["Id"] = sql.CopyGuid("t.\"Id\""),
            ["Phone"] = $"CASE WHEN t.\"Phone\" IS NULL THEN NULL ELSE '+49' || {number} END",
            ["WhatsAppId"] = $"CASE WHEN t.\"WhatsAppId\" IS NULL THEN NULL ELSE '49' || {number} END",
        }, ["CreatedAt", "LastSeenAt", "ConsentGivenAt", "ConsentWithdrawnAt", "BlockedAt"], ct);
        var conversations = await InsertAsync("Conversations", Copied("t.\"Id\""), "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", ConversationSpan),
            ["ContactId"] = sql.CopyGuid("t.\"ContactId\""),
        }, ["CreatedAt", "FirstReplyAt", "LastActivityAt", "LastAgentReplyAt", "LastCustomerMessageAt", "PeriodFirstMessageAt", "PeriodStartedAt",
            "ResolvedAt", "SnoozedUntil", "WaitingSince"], ct);
        var messages = await InsertAsync("Messages", Copied("t.\"ConversationId\""), "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", after.Messages - before.Messages),
            ["ConversationId"] = Moved("t.\"ConversationId\"", ConversationSpan),
        }, ["CreatedAt", "ReceivedAt"], ct);
        await InsertAsync("ConversationLabels", Copied("t.\"ConversationId\""), "t.\"ConversationId\"", new()
        {
            ["ConversationId"] = Moved("t.\"ConversationId\"", ConversationSpan),
        }, [], ct);
        await InsertAsync("ReadMarkers", Copied("t.\"ConversationId\""), "t.\"ConversationId\"", new()
        {
            ["ConversationId"] = Moved("t.\"ConversationId\"", ConversationSpan),
            ["LastReadMessageId"] = Moved("t.\"LastReadMessageId\"", after.Messages - before.Messages),
        }, ["ReadUpTo"], ct);
        await CopySearchDocumentsAsync(digits, ct);
        await CopyReportFactsAsync(ct);
        await InsertAsync("ContactActivities", """JOIN "Conversations" v ON v."ContactId" = t."ContactId" """ + Copied("v.\"Id\"") +
            $" WHERE t.\"Id\" > {before.ContactActivities} AND t.\"Id\" <= {after.ContactActivities}", "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", after.ContactActivities - before.ContactActivities),
            ["ContactId"] = sql.CopyGuid("t.\"ContactId\""),
        }, ["CreatedAt"], ct);
        await RecountReportRollupAsync(ct);
        return (conversations, messages);
    }

    /// <summary>Creates the indexes set aside while copying (whatever happened: a stopped seed leaves a usable database).</summary>
    public async ValueTask DisposeAsync()
    {
        var watch = Stopwatch.StartNew();
        foreach (var (_, restore) in _restore)
        {
            await db.Database.ExecuteSqlRawAsync(restore);
        }

        logger.LogInformation("Created {Count} indexes again in {Seconds:N1} s", _restore.Count, watch.Elapsed.TotalSeconds);
    }

    private async Task CopySearchDocumentsAsync(string digits, CancellationToken ct)
    {
        var span = after.SearchDocuments - before.SearchDocuments;
        var template = $"t.\"Id\" > {before.SearchDocuments} AND t.\"Id\" <= {after.SearchDocuments}";
        await InsertAsync("SearchDocuments", Copied("t.\"ConversationId\"") + $" WHERE {template}", "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", span),
            ["MessageId"] = Moved("t.\"MessageId\"", after.Messages - before.Messages),
            ["ConversationId"] = Moved("t.\"ConversationId\"", ConversationSpan),
        }, ["CreatedAt"], ct);

        // A contact's text ends in its number's digits, international and national (SearchDocument.ContactText): the
        // template's German numbers are swapped for the copy's.
        await InsertAsync("SearchDocuments", """JOIN "Conversations" v ON v."ContactId" = t."ContactId" JOIN "Contacts" k ON k."Id" = t."ContactId" """ +
            Copied("v.\"Id\"") + $" WHERE {template}", "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", span),
            ["ContactId"] = sql.CopyGuid("t.\"ContactId\""),
            ["Text"] = $"CASE WHEN k.\"Phone\" IS NULL THEN t.\"Text\" ELSE replace(t.\"Text\", ' ' || substr(k.\"Phone\", 2) || ' 0' || substr(k.\"Phone\", 4), " +
                       $"' 49176' || {digits} || ' 0176' || {digits}) END",
        }, ["CreatedAt"], ct);
    }

    private async Task CopyReportFactsAsync(CancellationToken ct)
    {
        var at = CopySql.ShiftTicks("t.\"AtTicks\"");
        await InsertAsync("ReportFacts", Copied("t.\"ConversationId\""), "t.\"Id\"", new()
        {
            ["Id"] = Moved("t.\"Id\"", after.ReportFacts - before.ReportFacts),
            ["ConversationId"] = Moved("t.\"ConversationId\"", ConversationSpan),
            ["AtTicks"] = at,
            ["Slot"] = $"({at}) / {ReportFact.SlotTicks}",
        }, [], ct);
    }

    /// <summary>The quarter-hour rollup counted again from every fact (<see cref="ReportCount"/>).</summary>
    private async Task RecountReportRollupAsync(CancellationToken ct)
    {
        var kinds = string.Join(", ", ReportCount.Kinds.Select(k => (int)k));
        await ExecuteAsync("ReportCounts", $"""
            DELETE FROM "ReportCounts";
            INSERT INTO "ReportCounts" ("Kind", "Slot", "InboxId", "AgentId", "Count")
            SELECT "Kind", "Slot", "InboxId", COALESCE("AgentId", '{ReportCount.NoAgent}'), count(*) FROM "ReportFacts"
            WHERE "Kind" IN ({kinds}) GROUP BY "Kind", "Slot", "InboxId", COALESCE("AgentId", '{ReportCount.NoAgent}');
            """, ct);
    }

    /// <summary>
    /// Inserts the copies of <paramref name="table"/>'s rows (alias <c>t</c>) that <paramref name="joins"/> selects, with
    /// <paramref name="replaced"/> columns computed and <paramref name="instants"/> moved back.
    /// </summary>
    private async Task<int> InsertAsync(
        string table, string joins, string order, Dictionary<string, string> replaced, string[] instants, CancellationToken ct)
    {
        var columns = await sql.ColumnsAsync(db, table, ct);
        if (_restore.All(r => r.Table != table))
        {
            foreach (var index in await db.Database.SqlQuery<BulkLoad.Suspended>(sql.SecondaryIndexes(table)).ToListAsync(ct))
            {
                await db.Database.ExecuteSqlRawAsync(index.Drop, ct);
                _restore.Add((table, index.Restore));
            }
        }

        foreach (var instant in instants.Where(columns.Contains))
        {
            replaced.TryAdd(instant, sql.ShiftInstant($"t.\"{instant}\""));
        }

        var values = columns.Select(c => replaced.TryGetValue(c, out var value) ? value : $"t.\"{c}\"");
        var statement = $"""
            INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM "{table}" t {joins} ORDER BY s."N", {order};
            """;
        var rows = await ExecuteAsync(table, statement, ct);
        if (replaced.ContainsKey("Id") && table != "Contacts" && sql.AfterInsert(table) is { } follow)
        {
            await db.Database.ExecuteSqlRawAsync(follow, ct);
        }

        return rows;
    }

    private async Task<int> ExecuteAsync(string table, string statement, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var rows = await db.Database.ExecuteSqlRawAsync(statement, ct);
        logger.LogInformation("Copied the template: {Rows:N0} rows into {Table} in {Seconds:N1} s", rows, table, watch.Elapsed.TotalSeconds);
        return rows;
    }

    /// <summary>The join with the copies of the template conversation <paramref name="id"/>, up to <see cref="total"/> in all.</summary>
    private string Copied(string id) =>
        $" JOIN \"SeedCopies\" s ON {id} > {before.Conversations} AND {id} <= {after.Conversations} AND {Rank(id)} <= {total} ";

    /// <summary>The number of copy s's conversation of template conversation <paramref name="id"/> among all seeded ones, from 1.</summary>
    private string Rank(string id) => $"({id} - {before.Conversations} + s.\"N\" * {ConversationSpan})";

    private static string Moved(string id, long span) => $"{id} + s.\"N\" * {span}";
}
