using BizInbox.Domain.Businesses;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Response-time reports for owners and managers, read from the recorded facts (never by rescanning messages): times as
/// count, average, median, 90th percentile and share within target; counts; per day/week/month, agent and label; and
/// the facts behind any figure.
/// </summary>
public sealed class ReportService(IDbContextFactory<BizInboxDbContext> contexts, TimeProvider clock, ReportReads? reads = null)
{
    private static readonly FactKind[] TimeKinds = [FactKind.FirstResponse, FactKind.Reply, FactKind.Resolved];
    private static readonly FactKind[] CountKinds = [FactKind.Opened, FactKind.Reopened, FactKind.Resolved, FactKind.MessageIn, FactKind.MessageOut];

    /// <summary>The app's report threads; a service built by hand (tests, benchmarks) gets its own with the default count.</summary>
    private ReportReads Reads { get; } = reads ?? new ReportReads();

    /// <summary>Builds the report for <paramref name="filter"/>.</summary>
    public async Task<Report> RunAsync(CurrentMember actor, ReportFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var zone = await ZoneAsync(db, ct);
        var targets = await TargetsAsync(db, ct);
        var (from, to) = Instants(filter.From, filter.To.AddDays(1), zone);
        var business = filter.Clock == ReportClock.Business;
        var buckets = BucketStarts(filter, zone);

        // The three reads are independent: each runs on its own connection and its own thread (off the pool), as many at
        // once as the app's report threads allow (ReportReads), so that reports never take every core from the messages.
        var times = Reads.RunAsync(() => ReadTimesAsync(filter, from, to, business, buckets, zone, ct), ct);
        var countRows = Reads.RunAsync(() => ReadCountsAsync(filter, from, to, ct), ct);
        var labelRows = Reads.RunAsync(() => ReadLabelsAsync(filter, from, to, business, ct), ct);
        await Task.WhenAll(times, countRows, labelRows);
        var (overall, byBucket, byAgent) = await times;
        var counts = await countRows;
        var (byLabel, openedByLabel) = await labelRows;

        var countsByBucket = counts.ToLookup(c => buckets.IndexOf(c.Slot * ReportFact.SlotTicks));
        var periods = buckets.Days
            .Select((day, i) => new ReportBucket(day, byBucket[i].Metrics(targets), Counts(countsByBucket[i])))
            .ToList();

        var names = await AgentNamesAsync(db, byAgent.Keys.Concat(counts.Select(c => c.AgentId)), ct);
        var countsByAgent = counts.Where(c => c.AgentId is not null).ToLookup(c => c.AgentId!);
        var agents = names
            .Select(n => new AgentRow(n.Key, n.Value, byAgent.TryGetValue(n.Key, out var times) ? times.Metrics(targets) : MetricSet.Empty,
                countsByAgent[n.Key].Where(c => c.Kind == FactKind.MessageOut).Sum(c => c.Count),
                countsByAgent[n.Key].Where(c => c.Kind == FactKind.Resolved).Sum(c => c.Count)))
            .OrderByDescending(a => a.Replies).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        var labelIds = byLabel.Keys.ToList();
        var labels = (await db.Labels.AsNoTracking().Where(l => labelIds.Contains(l.Id)).ToListAsync(ct))
            .Select(l => new LabelRow(l.Id, l.Name, l.Color, byLabel[l.Id].Metrics(targets), openedByLabel.GetValueOrDefault(l.Id)))
            .OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        return new Report(filter, targets, overall.Metrics(targets), Counts(counts), periods, agents, labels);
    }

    private async Task<(Durations Overall, Durations[] ByBucket, Dictionary<string, Durations> ByAgent)> ReadTimesAsync(
        ReportFilter filter, long from, long to, bool business, BucketIndex buckets, TimeZoneInfo zone, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var times = new TimeSlices(buckets);
        var facts = Facts(db, filter, from, to).Where(f => TimeKinds.Contains(f.Kind));
        if (!UseFacts && SummariesServe(db, filter, from, to) && await ReadDaysAsync(db, filter, from, to, business, zone, times, ct))
        {
            // The days hold every duration; what they cannot hold is the customer's side of the agent's conversations.
            if (filter.AgentId is null)
            {
                return (times.Overall, times.ByBucket, times.ByAgent);
            }

            facts = facts.Where(f => f.AgentId == null);
        }

        await db.Database.OpenConnectionAsync(ct);
        await ReadAsync(TimeRows(facts, business), reader =>
            times.Add((FactKind)reader.GetInt32(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? 0 : reader.GetDouble(3)), ct);
        return (times.Overall, times.ByBucket, times.ByAgent);
    }

    /// <summary>Only for tests: every report reads the facts, as the summaries must agree with them.</summary>
    internal bool UseFacts { get; init; }

    /// <summary>Whether the day summaries can stand for the facts: they are kept on this provider, no filter needs the
    /// conversation's labels or ads, and the range begins and ends on quarter hours (every time zone's days do).</summary>
    private static bool SummariesServe(BizInboxDbContext db, ReportFilter filter, long from, long to) =>
        ReportCountRollup.IsKept(db) && filter is { LabelId: null, Ad: null }
        && from % ReportFact.SlotTicks == 0 && to % ReportFact.SlotTicks == 0;

    /// <summary>
    /// Adds the durations of the day summaries in [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="times"/>;
    /// false (and nothing added) when a summary in the range is not a day of the business's zone now, and the facts must be read.
    /// </summary>
    private static async Task<bool> ReadDaysAsync(
        BizInboxDbContext db, ReportFilter filter, long from, long to, bool business, TimeZoneInfo zone, TimeSlices times, CancellationToken ct)
    {
        var (fromSlot, toSlot) = (from / ReportFact.SlotTicks, to / ReportFact.SlotTicks);
        var days = db.ReportDurationDays.AsNoTracking()
            .Where(d => ReportDurationDay.Kinds.Contains(d.Kind) && d.FromSlot < toSlot && d.ToSlot > fromSlot);
        if (filter.InboxId is { } inbox)
        {
            days = days.Where(d => d.InboxId == inbox);
        }

        if (filter.Channel is { } channel)
        {
            days = days.Where(d => db.Inboxes.Any(i => i.Id == d.InboxId && i.Channel == channel));
        }

        if (filter.AgentId is { } agent)
        {
            days = days.Where(d => d.AgentId == agent);
        }

        var rows = await (business
                ? days.Select(d => new { d.Kind, d.FromSlot, d.ToSlot, d.AgentId, Seconds = d.BusinessSeconds })
                : days.Select(d => new { d.Kind, d.FromSlot, d.ToSlot, d.AgentId, d.Seconds }))
            .ToListAsync(ct);
        if (rows.Any(d => d.FromSlot < fromSlot || d.ToSlot > toSlot || ReportDurationDay.DayOf(d.FromSlot * ReportFact.SlotTicks, zone) != (d.FromSlot, d.ToSlot)))
        {
            return false;
        }

        foreach (var day in rows)
        {
            times.Add(day.Kind, day.FromSlot * ReportFact.SlotTicks, day.AgentId == ReportCount.NoAgent ? null : day.AgentId, day.Seconds);
        }

        return true;
    }

    // Grouped by the index's own order (kind, quarter hour, agent): the database hands over a few thousand rows for a year.
    private async Task<List<CountRow>> ReadCountsAsync(ReportFilter filter, long from, long to, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (CountsFromRollup(db, filter, from, to))
        {
            var (fromSlot, toSlot) = (from / ReportFact.SlotTicks, to / ReportFact.SlotTicks);
            var rollup = db.ReportCounts.AsNoTracking().Where(c => CountKinds.Contains(c.Kind) && c.Slot >= fromSlot && c.Slot < toSlot);
            if (filter.InboxId is { } inbox)
            {
                rollup = rollup.Where(c => c.InboxId == inbox);
            }

            if (filter.Channel is { } channel)
            {
                rollup = rollup.Where(c => db.Inboxes.Any(i => i.Id == c.InboxId && i.Channel == channel));
            }

            return (await rollup.GroupBy(c => new { c.Kind, c.Slot, c.AgentId })
                    .Select(g => new { g.Key.Kind, g.Key.Slot, g.Key.AgentId, Count = g.Sum(c => c.Count) })
                    .ToListAsync(ct))
                .Select(r => new CountRow(r.Kind, r.AgentId == ReportCount.NoAgent ? null : r.AgentId, r.Slot, (int)r.Count))
                .ToList();
        }

        return await Facts(db, filter, from, to).Where(f => CountKinds.Contains(f.Kind))
            .GroupBy(f => new { f.Kind, f.Slot, f.AgentId })
            .Select(g => new CountRow(g.Key.Kind, g.Key.AgentId, g.Key.Slot, g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Whether the counts can come from the rollup: it is kept on this provider, the range begins and ends on quarter
    /// hours (every time zone's days do), and no filter needs the conversation (a label, an ad, or the agent, whose
    /// customers' doings are those of the conversations assigned to them now).
    /// </summary>
    private static bool CountsFromRollup(BizInboxDbContext db, ReportFilter filter, long from, long to) =>
        ReportCountRollup.IsKept(db) && filter is { LabelId: null, Ad: null, AgentId: null }
        && from % ReportFact.SlotTicks == 0 && to % ReportFact.SlotTicks == 0;

    private async Task<(Dictionary<int, Durations> Times, Dictionary<int, int> Opened)> ReadLabelsAsync(
        ReportFilter filter, long from, long to, bool business, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var byLabel = new Dictionary<int, Durations>();
        var openedByLabel = new Dictionary<int, int>();
        var facts = Facts(db, filter, from, to);
        var labelled = from f in facts.Where(f => TimeKinds.Contains(f.Kind) || f.Kind == FactKind.Opened)
                       join l in db.ConversationLabels on f.ConversationId equals l.ConversationId
                       select new { l.LabelId, f.Kind, Seconds = business ? f.BusinessSeconds : f.Seconds };
        await db.Database.OpenConnectionAsync(ct);
        await ReadAsync(labelled, reader =>
        {
            var label = reader.GetInt32(0);
            var kind = (FactKind)reader.GetInt32(1);
            if (!byLabel.TryGetValue(label, out var times))
            {
                byLabel[label] = times = new Durations();
            }

            if (kind == FactKind.Opened)
            {
                openedByLabel[label] = openedByLabel.GetValueOrDefault(label) + 1;
            }
            else
            {
                times.Add(kind, reader.IsDBNull(2) ? 0 : reader.GetDouble(2));
            }
        }, ct);
        return (byLabel, openedByLabel);
    }

    /// <summary>The facts behind one figure of the report for <paramref name="filter"/>, longest first for times, newest first for counts.</summary>
    public async Task<DrillDownPage> DrillDownAsync(
        CurrentMember actor, ReportFilter filter, DrillDown figure, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var facts = await DrillDownFactsAsync(db, filter, figure, ct);
        var total = await facts.CountAsync(ct);
        var business = filter.Clock == ReportClock.Business;
        var ordered = figure.Kind is FactKind.FirstResponse or FactKind.Reply or FactKind.Resolved
            ? (business ? facts.OrderByDescending(f => f.BusinessSeconds) : facts.OrderByDescending(f => f.Seconds)).ThenByDescending(f => f.AtTicks)
            : facts.OrderByDescending(f => f.AtTicks);
        var rows = await (from f in ordered.Skip(skip).Take(Math.Clamp(take, 1, 500))
                          join c in db.Conversations on f.ConversationId equals c.Id
                          join contact in db.Contacts on c.ContactId equals contact.Id
                          join i in db.Inboxes on f.InboxId equals i.Id
                          select new
                          {
                              f.ConversationId, Contact = contact.Name, Inbox = i.Name, f.AgentId, c.AssigneeId, f.AtTicks,
                              Seconds = business ? f.BusinessSeconds : f.Seconds,
                          })
            .ToListAsync(ct);
        var names = await AgentNamesAsync(db, rows.Select(r => r.AgentId ?? r.AssigneeId), ct);
        return new DrillDownPage(
            [.. rows.Select(r => new DrillDownRow(r.ConversationId, r.Contact, r.Inbox,
                (r.AgentId ?? r.AssigneeId) is { } agent && names.TryGetValue(agent, out var name) ? name : null,
                new DateTimeOffset(r.AtTicks, TimeSpan.Zero), r.Seconds))],
            total);
    }

    /// <summary>What the filters can choose from, and the business's today.</summary>
    public async Task<ReportOptions> OptionsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var zone = await ZoneAsync(db, ct);
        var agents = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).Select(i => new { i.Id, i.Name, i.Channel }).ToListAsync(ct);
        var labels = await db.Labels.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var ads = await db.Messages.AsNoTracking().Where(m => m.Referral != null && m.Referral.SourceId != null)
            .Select(m => new { m.Referral!.SourceId, m.Referral.Headline }).Distinct().Take(200).ToListAsync(ct);
        return new ReportOptions(
            [.. agents.Select(a => (a.Id, a.DisplayName))],
            [.. inboxes.Select(i => (i.Id, i.Name, i.Channel))],
            [.. labels.Select(l => (l.Id, l.Name))],
            [.. ads.GroupBy(a => a.SourceId!).Select(g => (g.Key, g.Select(a => a.Headline).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h)) ?? g.Key))],
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime));
    }

    /// <summary>The business's targets.</summary>
    public async Task<ReportTargets> GetTargetsAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        return await TargetsAsync(db, ct);
    }

    /// <summary>Changes the business's targets (owners and managers).</summary>
    public async Task SaveTargetsAsync(CurrentMember actor, ReportTargets targets, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ReadReports, ct);
        var settings = await db.ReportSettings.FirstOrDefaultAsync(s => s.Id == ReportSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = ReportSettings.Default();
            db.ReportSettings.Add(settings);
        }

        settings.ChangeTargets(targets.FirstResponse, targets.Reply, targets.Resolution);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reports are for owners and managers only.</summary>

    /// <summary>The facts a figure stands for: the report's filter, narrowed to the figure's kind, group, agent or label.</summary>
    internal static async Task<IQueryable<ReportFact>> DrillDownFactsAsync(BizInboxDbContext db, ReportFilter filter, DrillDown figure, CancellationToken ct)
    {
        var zone = await ZoneAsync(db, ct);
        var (from, to) = Instants(filter.From, filter.To.AddDays(1), zone);
        if (figure.Bucket is { } bucket)
        {
            var (start, end) = Instants(bucket, ReportPresets.NextBucket(bucket, filter.Grouping), zone);
            from = Math.Max(from, start);
            to = Math.Min(to, end);
        }

        var facts = Facts(db, filter, from, to).Where(f => f.Kind == figure.Kind);
        if (figure.AgentId is { } agent)
        {
            facts = facts.Where(f => f.AgentId == agent);
        }

        if (figure.LabelId is { } label)
        {
            facts = facts.Where(f => db.ConversationLabels.Where(l => l.LabelId == label).Select(l => l.ConversationId).Contains(f.ConversationId));
        }

        return facts;
    }

    /// <summary>The facts in [<paramref name="from"/>, <paramref name="to"/>) (UTC ticks) that pass the filter.</summary>
    internal static IQueryable<ReportFact> Facts(BizInboxDbContext db, ReportFilter filter, long from, long to)
    {
        // The slot range lets the database seek the index on (kind, slot, ...); the ticks keep the bounds exact.
        var (fromSlot, toSlot) = (from / ReportFact.SlotTicks, ((to - 1) / ReportFact.SlotTicks) + 1);
        var facts = db.ReportFacts.AsNoTracking()
            .Where(f => f.Slot >= fromSlot && f.Slot < toSlot && f.AtTicks >= from && f.AtTicks < to);
        if (filter.InboxId is { } inbox)
        {
            facts = facts.Where(f => f.InboxId == inbox);
        }

        if (filter.Channel is { } channel)
        {
            facts = facts.Where(f => db.Inboxes.Any(i => i.Id == f.InboxId && i.Channel == channel));
        }

        if (filter.LabelId is { } label)
        {
            facts = facts.Where(f => db.ConversationLabels.Where(l => l.LabelId == label).Select(l => l.ConversationId).Contains(f.ConversationId));
        }

        // An agent's facts are the replies and resolutions they made, and the customer's doings in the conversations
        // assigned to them now.
        if (filter.AgentId is { } agent)
        {
            facts = facts.Where(f => f.AgentId == agent
                || (f.AgentId == null && db.Conversations.Where(c => c.AssigneeId == agent).Select(c => c.Id).Contains(f.ConversationId)));
        }

        if (filter.Ad is { } ad)
        {
            var cameViaAd = true; // a parameter, so that SQLite looks the flag up in its index (see InboxQueries.Filtered)
            facts = ad == ReportFilter.AnyAd
                ? facts.Where(f => db.Conversations.Where(c => c.CameViaAd == cameViaAd).Select(c => c.Id).Contains(f.ConversationId))
                : facts.Where(f => db.Messages.Where(m => m.Referral != null && m.Referral.SourceId == ad).Select(m => m.ConversationId).Contains(f.ConversationId));
        }

        return facts;
    }

    /// <summary>The instants at which the business's days <paramref name="first"/> and <paramref name="end"/> begin, as UTC ticks.</summary>
    internal static (long From, long To) Instants(DateOnly first, DateOnly end, TimeZoneInfo zone) =>
        (DayStart(first, zone).UtcTicks, DayStart(end, zone).UtcTicks);

    internal static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo zone) => ReportDurationDay.DayStart(day, zone);

    internal static async Task<TimeZoneInfo> ZoneAsync(BizInboxDbContext db, CancellationToken ct)
    {
        var id = await db.TheBusiness.Select(b => b.TimeZoneId).FirstOrDefaultAsync(ct);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static async Task<ReportTargets> TargetsAsync(BizInboxDbContext db, CancellationToken ct)
    {
        var settings = await db.ReportSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ReportSettings.SingletonId, ct) ?? ReportSettings.Default();
        return new ReportTargets(settings.FirstResponseTarget, settings.ReplyTarget, settings.ResolutionTarget);
    }

    // Read in this column order by ReadAsync: kind, ticks, agent, seconds.
    private static IQueryable TimeRows(IQueryable<ReportFact> facts, bool business) => business
        ? facts.Select(f => new { f.Kind, f.AtTicks, f.AgentId, f.BusinessSeconds })
        : facts.Select(f => new { f.Kind, f.AtTicks, f.AgentId, f.Seconds });

    /// <summary>
    /// Streams the rows of <paramref name="query"/> (the connection is open) into <paramref name="row"/>, column by ordinal
    /// in the projection's order, without materialising an object per row: a year's report reads a million values.
    /// </summary>
    private static async Task ReadAsync(IQueryable query, Action<System.Data.Common.DbDataReader> row, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    /// <summary>The first day of each day, week or month of the report and the UTC tick at which it begins.</summary>
    private static BucketIndex BucketStarts(ReportFilter filter, TimeZoneInfo zone)
    {
        var days = new List<DateOnly>();
        for (var bucket = ReportPresets.BucketOf(filter.From, filter.Grouping); bucket <= filter.To; bucket = ReportPresets.NextBucket(bucket, filter.Grouping))
        {
            days.Add(bucket);
        }

        return new BucketIndex(days, [.. days.Select(d => DayStart(d, zone).UtcTicks)]);
    }

    private static async Task<Dictionary<string, string>> AgentNamesAsync(BizInboxDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static ReportCounts Counts(IEnumerable<CountRow> rows)
    {
        int opened = 0, reopened = 0, resolved = 0, messagesIn = 0, messagesOut = 0;
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case FactKind.Opened: opened += row.Count; break;
                case FactKind.Reopened: reopened += row.Count; break;
                case FactKind.Resolved: resolved += row.Count; break;
                case FactKind.MessageIn: messagesIn += row.Count; break;
                case FactKind.MessageOut: messagesOut += row.Count; break;
            }
        }

        return new ReportCounts(opened, reopened, resolved, messagesIn, messagesOut);
    }

    private sealed record CountRow(FactKind Kind, string? AgentId, long Slot, int Count);

    /// <summary>The days, weeks or months of a report, and which one a UTC tick falls in.</summary>
    private sealed record BucketIndex(IReadOnlyList<DateOnly> Days, long[] Starts)
    {
        public int IndexOf(long ticks)
        {
            var found = Array.BinarySearch(Starts, ticks);
            return Math.Max(0, found >= 0 ? found : ~found - 1);
        }
    }

    /// <summary>The durations of the three time metrics in one slice of a report.</summary>
    private sealed class Durations
    {
        private readonly List<double> firstResponses = [];
        private readonly List<double> replies = [];
        private readonly List<double> resolutions = [];

        public void Add(FactKind kind, double seconds) => Of(kind).Add(seconds);

        public void Add(FactKind kind, byte[] packed) => ReportDurationDay.Unpack(packed, Of(kind));

        private List<double> Of(FactKind kind) => kind switch
        {
            FactKind.FirstResponse => firstResponses,
            FactKind.Reply => replies,
            _ => resolutions,
        };

        public MetricSet Metrics(ReportTargets targets) => new(
            DurationStats.Of(firstResponses, targets.FirstResponse),
            DurationStats.Of(replies, targets.Reply),
            DurationStats.Of(resolutions, targets.Resolution));
    }

    /// <summary>The durations of a report overall, per day, week or month, and per agent.</summary>
    private sealed class TimeSlices(BucketIndex buckets)
    {
        public Durations Overall { get; } = new();

        public Durations[] ByBucket { get; } = [.. buckets.Days.Select(_ => new Durations())];

        public Dictionary<string, Durations> ByAgent { get; } = [];

        public void Add(FactKind kind, long ticks, string? agent, double seconds)
        {
            Overall.Add(kind, seconds);
            ByBucket[buckets.IndexOf(ticks)].Add(kind, seconds);
            AgentsOwn(agent)?.Add(kind, seconds);
        }

        public void Add(FactKind kind, long ticks, string? agent, byte[] packed)
        {
            Overall.Add(kind, packed);
            ByBucket[buckets.IndexOf(ticks)].Add(kind, packed);
            AgentsOwn(agent)?.Add(kind, packed);
        }

        private Durations? AgentsOwn(string? agent)
        {
            if (agent is null)
            {
                return null;
            }

            if (!ByAgent.TryGetValue(agent, out var durations))
            {
                ByAgent[agent] = durations = new Durations();
            }

            return durations;
        }
    }
}
