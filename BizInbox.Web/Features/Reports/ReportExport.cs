using System.Globalization;
using BizInbox.Domain.Reporting;
using BizInbox.Web.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// The report as CSV: the figures (total, each day/week/month, agent and label), or one row per conversation with its
/// times. Times are in seconds (the page's clock: calendar or business). Cells a spreadsheet would run as a formula are
/// escaped.
/// </summary>
public sealed class ReportExport(IDbContextFactory<BizInboxDbContext> contexts, ReportService reports, ILogger<ReportExport> log)
{
    private static readonly string[] Metrics = ["First response", "Reply", "Resolution"];

    public static readonly string[] SummaryHeaders =
    [
        "Group", "Name",
        .. Metrics.SelectMany(m => new[] { $"{m} count", $"{m} average (s)", $"{m} median (s)", $"{m} 90th percentile (s)", $"{m} within target (%)" }),
        "Opened", "Reopened", "Resolved", "Messages in", "Messages out",
    ];

    public static readonly string[] ConversationHeaders =
    [
        "Conversation", "Contact", "Inbox", "Channel", "Assigned to", "Labels", "Source", "Started",
        "First response (s)", "Replies", "Median reply (s)", "Resolutions", "Last resolution (s)",
    ];

    public async Task WriteSummaryAsync(CurrentMember actor, ReportFilter filter, Stream output, char separator, CancellationToken ct)
    {
        var report = await reports.RunAsync(actor, filter, ct);
        await using var csv = Create(output, separator);
        await csv.WriteRecordAsync(SummaryHeaders, ct);
        await csv.WriteRecordAsync(Row("Total", $"{filter.From:yyyy-MM-dd}/{filter.To:yyyy-MM-dd}", report.Times, report.Counts), ct);
        foreach (var bucket in report.Buckets)
        {
            await csv.WriteRecordAsync(Row(filter.Grouping.ToString(), bucket.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bucket.Times, bucket.Counts), ct);
        }

        foreach (var agent in report.Agents)
        {
            await csv.WriteRecordAsync(Row("Agent", agent.Name, agent.Times, new ReportCounts(0, 0, agent.Resolved, 0, agent.Replies)), ct);
        }

        foreach (var label in report.Labels)
        {
            await csv.WriteRecordAsync(Row("Label", label.Name, label.Times, new ReportCounts(label.Opened, 0, 0, 0, 0)), ct);
        }

        await csv.FlushAsync(ct);
    }

    public async Task WriteConversationsAsync(CurrentMember actor, ReportFilter filter, Stream output, char separator, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var zone = await ReportService.ZoneAsync(db, ct);
        var (from, to) = ReportService.Instants(filter.From, filter.To.AddDays(1), zone);
        var business = filter.Clock == ReportClock.Business;
        var facts = await ReportService.Facts(db, filter, from, to)
            .Where(f => f.Kind == FactKind.FirstResponse || f.Kind == FactKind.Reply || f.Kind == FactKind.Resolved || f.Kind == FactKind.Opened)
            .Select(f => new { f.ConversationId, f.Kind, f.AtTicks, Seconds = business ? f.BusinessSeconds : f.Seconds })
            .ToListAsync(ct);
        var byConversation = facts.GroupBy(f => f.ConversationId).OrderBy(g => g.Key).ToList();

        await using var csv = Create(output, separator);
        await csv.WriteRecordAsync(ConversationHeaders, ct);
        foreach (var chunk in byConversation.Chunk(500))
        {
            var ids = chunk.Select(g => g.Key).ToList();
            var details = (await (from c in db.Conversations.AsNoTracking()
                                  where ids.Contains(c.Id)
                                  join contact in db.Contacts on c.ContactId equals contact.Id
                                  join inbox in db.Inboxes on c.InboxId equals inbox.Id
                                  select new
                                  {
                                      c.Id, Contact = contact.Name, Inbox = inbox.Name, inbox.Channel, c.CreatedAt,
                                      Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                                  }).ToListAsync(ct)).ToDictionary(d => d.Id);
            var labels = (await (from l in db.ConversationLabels where ids.Contains(l.ConversationId)
                                 join label in db.Labels on l.LabelId equals label.Id
                                 select new { l.ConversationId, label.Name }).ToListAsync(ct))
                .ToLookup(l => l.ConversationId, l => l.Name);
            var ads = (await db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId) && m.Referral != null)
                    .Select(m => new { m.ConversationId, m.Referral!.Headline, m.Referral.SourceId, m.Id }).ToListAsync(ct))
                .GroupBy(a => a.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).First());
            foreach (var group in chunk)
            {
                if (!details.TryGetValue(group.Key, out var d))
                {
                    continue;
                }

                var first = group.Where(f => f.Kind == FactKind.FirstResponse).OrderBy(f => f.AtTicks).FirstOrDefault();
                var replies = group.Where(f => f.Kind == FactKind.Reply).Select(f => f.Seconds ?? 0).ToList();
                var resolutions = group.Where(f => f.Kind == FactKind.Resolved).OrderBy(f => f.AtTicks).ToList();
                var source = ads.TryGetValue(group.Key, out var ad) ? $"Ad: {ad.Headline ?? ad.SourceId}" : d.Channel.ToString();
                await csv.WriteRecordAsync(
                [
                    group.Key.ToString(CultureInfo.InvariantCulture), d.Contact, d.Inbox, d.Channel.ToString(), d.Assignee,
                    string.Join(", ", labels[group.Key].Order(StringComparer.CurrentCultureIgnoreCase)), source,
                    d.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    Number(first?.Seconds), replies.Count.ToString(CultureInfo.InvariantCulture),
                    Number(replies.Count == 0 ? null : DurationStats.Of(replies, TimeSpan.MaxValue).Median),
                    resolutions.Count.ToString(CultureInfo.InvariantCulture), Number(resolutions.LastOrDefault()?.Seconds),
                ], ct);
            }
        }

        await csv.FlushAsync(ct);
        log.LogInformation("Report export of {Count} conversation(s) for {From}..{To}", byConversation.Count, filter.From, filter.To);
    }

    private static CsvWriter Create(Stream output, char separator) =>
        CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = separator, Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);

    private static string?[] Row(string group, string name, MetricSet times, ReportCounts counts) =>
    [
        group, name,
        .. new[] { times.FirstResponse, times.Reply, times.Resolution }.SelectMany(s => new[]
        {
            s.Count.ToString(CultureInfo.InvariantCulture), Number(s.Average), Number(s.Median), Number(s.P90),
            s.WithinTarget is { } share ? Math.Round(share * 100, 1).ToString(CultureInfo.InvariantCulture) : null,
        }),
        counts.Opened.ToString(CultureInfo.InvariantCulture), counts.Reopened.ToString(CultureInfo.InvariantCulture),
        counts.Resolved.ToString(CultureInfo.InvariantCulture), counts.MessagesIn.ToString(CultureInfo.InvariantCulture),
        counts.MessagesOut.ToString(CultureInfo.InvariantCulture),
    ];

    private static string? Number(double? seconds) => seconds is { } s ? Math.Round(s, 1).ToString(CultureInfo.InvariantCulture) : null;
}
