using BizInbox.Domain.Channels;
using BizInbox.Domain.Reporting;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Features.Scheduling;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Reports;

/// <summary>
/// Reports read a year's times from the day summaries of durations: for random workloads across the end of summer time
/// in Berlin, in calendar and business time, by day, week and month, unfiltered and per agent, inbox and channel, every
/// figure must equal what the facts give; a time zone change and tampered rows must not change a figure either.
/// </summary>
public abstract class ReportDurationDayTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    // Thursday 22 October 2026; Berlin's clocks go back on Sunday the 25th at 03:00.
    private static readonly DateOnly First = new(2026, 10, 22);

    private sealed record Workload(AppUser Owner, AppUser Anna, int SecondInbox);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reports_from_the_day_summaries_equal_reports_from_the_facts(int seed)
    {
        var w = await RunWorkloadAsync(seed, steps: 90);

        (await SummarisedCountAsync()).ShouldBe(await TimeFactCountAsync());
        (await TimeFactCountAsync()).ShouldBeGreaterThan(30);
        foreach (var filter in Filters(w))
        {
            await ShouldAgreeWithFactsAsync(w.Owner, filter);
        }
    }

    [Fact]
    public async Task The_reconciliation_repairs_tampered_summaries_and_follows_a_time_zone_change()
    {
        var w = await RunWorkloadAsync(seed: 3, steps: 50);
        var week = new ReportFilter(First.AddDays(-2), First.AddDays(8));
        await using (var db = Database.CreateDbContext())
        {
            var rows = await db.ReportDurationDays.OrderBy(d => d.FromSlot).ThenBy(d => d.Kind).ToListAsync();
            rows.Count.ShouldBeGreaterThan(3);
            db.ReportDurationDays.Remove(rows[0]);
            rows[1].Replace([1, 2, 3], [1, 2, 3]);
            db.ReportDurationDays.Add(ReportDurationDay.Of(FactKind.Reply, ReportDurationDay.DayOf(rows[2].FromSlot * ReportFact.SlotTicks, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")), rows[2].InboxId, "someone-gone", [42], [42]));
            await db.SaveChangesAsync();
        }

        Figures(await Reports.RunAsync(As(w.Owner), week)).ShouldNotBe(Figures(await FromFacts.RunAsync(As(w.Owner), week)));

        (await Reconciliation.RepairAsync()).ShouldBe(3);
        (await Reconciliation.RepairAsync()).ShouldBe(0);
        await ShouldAgreeWithFactsAsync(w.Owner, week);

        // In Kathmandu (UTC+5:45) no Berlin day is a day: the report reads the facts until the rows are rebuilt.
        await Database.Get<BusinessHoursService>().SaveAsync(As(w.Owner), Hours("Asia/Kathmandu"));
        await ShouldAgreeWithFactsAsync(w.Owner, week);
        (await Reconciliation.RepairAsync()).ShouldBeGreaterThan(0);
        await ShouldAgreeWithFactsAsync(w.Owner, week);
        await ShouldAgreeWithFactsAsync(w.Owner, week with { Clock = ReportClock.Business, Grouping = ReportGrouping.Week });
        (await SummarisedCountAsync()).ShouldBe(await TimeFactCountAsync());
    }

    private ReportService Reports => Database.Get<ReportService>();

    private ReportService FromFacts => new(Database.Get<IDbContextFactory<BizInboxDbContext>>(), Clock) { UseFacts = true };

    private ReportDurationReconciliation Reconciliation => Database.Get<ReportDurationReconciliation>();

    private static IEnumerable<ReportFilter> Filters(Workload w)
    {
        var range = new ReportFilter(First.AddDays(-2), First.AddDays(8));
        yield return range;
        yield return range with { Clock = ReportClock.Business };
        yield return range with { Grouping = ReportGrouping.Week, Clock = ReportClock.Business };
        yield return range with { Grouping = ReportGrouping.Month };
        yield return new ReportFilter(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25));
        yield return new ReportFilter(First.AddDays(1), First.AddDays(4), ReportClock.Business);
        yield return range with { AgentId = w.Anna.Id };
        yield return range with { InboxId = w.SecondInbox, Clock = ReportClock.Business };
        yield return range with { Channel = ChannelType.WebChat, Grouping = ReportGrouping.Week };
    }

    private async Task ShouldAgreeWithFactsAsync(AppUser owner, ReportFilter filter)
    {
        var summarised = await Reports.RunAsync(As(owner), filter);
        var counted = await FromFacts.RunAsync(As(owner), filter);
        Figures(summarised).ShouldBe(Figures(counted), filter.ToQueryString());
    }

    /// <summary>Every figure of a report, written out exactly (doubles round-trip in their text).</summary>
    private static List<string> Figures(Report report) =>
    [
        $"all {report.Times} {report.Counts}",
        .. report.Buckets.Select(b => $"{b.Start} {b.Times} {b.Counts}"),
        .. report.Agents.Select(a => $"{a.Name} {a.Times} {a.Replies} {a.Resolved}"),
        .. report.Labels.Select(l => $"{l.Name} {l.Times} {l.Opened}"),
    ];

    /// <summary>
    /// Customers write, three members reply, resolve and label at random moments (with fractions of seconds) over about
    /// six days in two inboxes, the night of the clock change included.
    /// </summary>
    private async Task<Workload> RunWorkloadAsync(int seed, int steps)
    {
        var random = new Random(seed);
        Clock.Set(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.FromHours(2)));
        var owner = await SetupOwnerAsync();
        await Database.Get<BusinessHoursService>().SaveAsync(As(owner), Hours("Europe/Berlin"));
        AppUser[] members = [owner, await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna"), await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben")];
        var inboxes = new[] { await SetupInboxAsync(), await AddWebChatInboxAsync("Shop chat") };
        var label = await AddLabelAsync("Billing");
        var chats = new List<(WebChatVisitor Visitor, long Conversation)>();
        var resolved = new HashSet<long>();

        Clock.Set(new DateTimeOffset(2026, 10, 22, 7, 0, 0, TimeSpan.FromHours(2)));
        for (var step = 0; step < steps; step++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(random.Next(1_000, 3 * 3_600_000)));
            var open = chats.Where(c => !resolved.Contains(c.Conversation)).ToList();
            var member = members[random.Next(members.Length)];
            switch (random.Next(6))
            {
                case 0 or 1 when open.Count > 0:
                    await AgentRepliesAsync(member, open[random.Next(open.Count)].Conversation, "On it");
                    break;
                case 2 when open.Count > 0:
                    var done = open[random.Next(open.Count)].Conversation;
                    await Conversations.ResolveAsync(As(member), done);
                    resolved.Add(done);
                    break;
                case 3 when chats.Count > 0:
                    var i = random.Next(chats.Count);
                    var (conversation, _) = await CustomerWritesAsync(chats[i].Visitor, "Any news?");
                    resolved.Remove(chats[i].Conversation);
                    chats[i] = (chats[i].Visitor, conversation);
                    break;
                case 4 when open.Count > 0:
                    await Conversations.AddLabelAsync(As(member), open[random.Next(open.Count)].Conversation, label.Id);
                    break;
                default:
                    var visitor = await VisitorAsync($"Customer {step}", inboxes[random.Next(inboxes.Length)]);
                    chats.Add((visitor, (await CustomerWritesAsync(visitor, "Hello")).ConversationId));
                    break;
            }
        }

        return new Workload(owner, members[1], inboxes[1].Id);
    }

    private static BusinessHoursSettings Hours(string zone) => new(
        true, zone, null,
        [.. Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Sunday).Select(d => new IntervalRow(d, new(8, 30), new(18, 0)))],
        []);

    private async Task<long> SummarisedCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.ReportDurationDays.SumAsync(d => d.Count);
    }

    private async Task<long> TimeFactCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.ReportFacts.LongCountAsync(f => ReportDurationDay.Kinds.Contains(f.Kind));
    }
}

public sealed class SqliteReportDurationDayTests() : ReportDurationDayTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresReportDurationDayTests(PostgresServer postgres) : ReportDurationDayTests(DatabaseProvider.Postgres, postgres);
