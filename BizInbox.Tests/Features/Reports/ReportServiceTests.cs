using BizInbox.Domain;
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
/// A seeded week in a Berlin business open Mon-Fri 09:00-17:00, with the figures worked out by hand: the report must
/// agree with them on every provider, and the backfill must rebuild exactly the facts recorded live.
/// </summary>
public abstract class ReportServiceTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    // Monday 2 November 2026, Berlin (UTC+1).
    private static readonly DateOnly Monday = new(2026, 11, 2);

    private ReportService Reports => Database.Get<ReportService>();

    private static DateTimeOffset Berlin(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1));

    private sealed record Scenario(AppUser Owner, AppUser Anna, AppUser Ben, AppUser Agent, long A, long B, long C, int Billing, WebChatVisitor Alma);

    /// <summary>
    /// A: asked Mon 09:00, Anna answers 09:04, asked again 09:10, Anna answers 09:40, Anna resolves 10:00; label Billing.
    /// B: asked Mon 09:30, Ben answers 09:32.
    /// C: asked Mon 16:50, Ben answers Tue 09:20 (16 h 30 min in calendar time, 30 min in business time).
    /// </summary>
    private async Task<Scenario> SeedAsync()
    {
        Clock.Set(Berlin(1, 12, 0));
        var owner = await SetupOwnerAsync();
        await Database.Get<BusinessHoursService>().SaveAsync(As(owner), new BusinessHoursSettings(
            true, "Europe/Berlin", null,
            [.. Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => new IntervalRow(d, new(9, 0), new(17, 0)))],
            []));
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna");
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "carl@example.com", "Carl");
        var billing = await AddLabelAsync("Billing");

        Clock.Set(Berlin(2, 9, 0));
        var visitorA = await VisitorAsync("Alma");
        var a = (await CustomerWritesAsync(visitorA, "Where is my invoice?")).ConversationId;
        Clock.Set(Berlin(2, 9, 4));
        await AgentRepliesAsync(anna, a, "Sending it now");
        Clock.Set(Berlin(2, 9, 10));
        await CustomerWritesAsync(visitorA, "Not here yet");
        Clock.Set(Berlin(2, 9, 30));
        var b = await NewConversationAsync("Bodo", "Open on Sunday?");
        Clock.Set(Berlin(2, 9, 32));
        await AgentRepliesAsync(ben, b, "No, sorry");
        Clock.Set(Berlin(2, 9, 40));
        await AgentRepliesAsync(anna, a, "Resent to your other address");
        Clock.Set(Berlin(2, 9, 45));
        await Conversations.AddLabelAsync(As(anna), a, billing.Id);
        Clock.Set(Berlin(2, 10, 0));
        await Conversations.ResolveAsync(As(anna), a);
        Clock.Set(Berlin(2, 16, 50));
        var c = await NewConversationAsync("Cora", "Do you deliver?");
        Clock.Set(Berlin(3, 9, 20));
        await AgentRepliesAsync(ben, c, "Yes, within Berlin");
        return new Scenario(owner, anna, ben, agent, a, b, c, billing.Id, visitorA);
    }

    private static ReportFilter Week(ReportClock clock = ReportClock.Calendar) => new(Monday, Monday.AddDays(6), clock);

    [Fact]
    public async Task The_report_agrees_with_the_figures_worked_out_by_hand()
    {
        var s = await SeedAsync();

        var report = await Reports.RunAsync(As(s.Owner), Week());

        report.Counts.ShouldBe(new ReportCounts(Opened: 3, Reopened: 0, Resolved: 1, MessagesIn: 4, MessagesOut: 4));
        var first = report.Times.FirstResponse;
        first.Count.ShouldBe(3);
        first.Median.ShouldBe(240);
        first.Average!.Value.ShouldBe((240 + 120 + 59400) / 3d, 1e-6);
        first.P90!.Value.ShouldBe(240 + (0.8 * (59400 - 240)), 1e-6);
        first.WithinTargetCount.ShouldBe(2);
        report.Times.Reply.Count.ShouldBe(4);
        report.Times.Reply.Median.ShouldBe((240 + 1800) / 2d);
        report.Times.Resolution.Median.ShouldBe(3600);
        report.Buckets.Count.ShouldBe(7);
        report.Buckets[0].Counts.Opened.ShouldBe(3);
        report.Buckets[1].Times.FirstResponse.Median.ShouldBe(59400);
        report.Agents.Select(a => (a.Name, a.Replies, a.Resolved)).ShouldBe([("Anna", 2, 1), ("Ben", 2, 0)]);
        report.Labels.ShouldHaveSingleItem().Name.ShouldBe("Billing");
        report.Labels[0].Times.FirstResponse.Median.ShouldBe(240);
    }

    [Fact]
    public async Task Business_hours_leave_the_night_out_of_the_times()
    {
        var s = await SeedAsync();

        var report = await Reports.RunAsync(As(s.Owner), Week(ReportClock.Business));

        report.Times.FirstResponse.Median.ShouldBe(240);
        report.Times.FirstResponse.Average!.Value.ShouldBe((240 + 120 + 1800) / 3d, 1e-6);
        report.Buckets[1].Times.FirstResponse.Median.ShouldBe(1800);
    }

    [Fact]
    public async Task Filters_narrow_every_figure_and_the_drill_down_stays_inside_them()
    {
        var s = await SeedAsync();

        var anna = await Reports.RunAsync(As(s.Owner), Week() with { AgentId = s.Anna.Id });
        var billing = Week() with { LabelId = s.Billing };
        var labelled = await Reports.RunAsync(As(s.Owner), billing);
        var drill = await Reports.DrillDownAsync(As(s.Owner), billing, new DrillDown(FactKind.Reply), 0, 50);
        var all = await Reports.DrillDownAsync(As(s.Owner), Week(), new DrillDown(FactKind.FirstResponse), 0, 50);
        var tuesday = await Reports.DrillDownAsync(As(s.Owner), Week(), new DrillDown(FactKind.FirstResponse, Monday.AddDays(1)), 0, 50);

        anna.Times.FirstResponse.Count.ShouldBe(1);
        anna.Counts.MessagesOut.ShouldBe(2);
        anna.Counts.Opened.ShouldBe(0);
        labelled.Counts.Opened.ShouldBe(1);
        labelled.Times.Reply.Count.ShouldBe(2);
        drill.Total.ShouldBe(2);
        drill.Rows.ShouldAllBe(r => r.ConversationId == s.A);
        drill.Rows.Select(r => r.Seconds).ShouldBe([1800d, 240d]);
        all.Rows.Select(r => r.ConversationId).ShouldBe([s.C, s.A, s.B]);
        all.Rows[0].ContactName.ShouldBe("Cora");
        all.Rows[0].AgentName.ShouldBe("Ben");
        tuesday.Rows.ShouldHaveSingleItem().ConversationId.ShouldBe(s.C);
    }

    [Fact]
    public async Task A_reopened_conversation_gets_a_new_first_response_and_a_new_resolution_time()
    {
        var s = await SeedAsync();
        Clock.Set(Berlin(4, 11, 0));
        await CustomerWritesAsync(s.Alma, "The invoice is wrong");
        Clock.Set(Berlin(4, 11, 6));
        await AgentRepliesAsync(s.Anna, s.A, "Correcting it");
        Clock.Set(Berlin(4, 11, 30));
        await Conversations.ResolveAsync(As(s.Anna), s.A);

        var report = await Reports.RunAsync(As(s.Owner), Week());
        var anna = await Reports.RunAsync(As(s.Owner), Week() with { AgentId = s.Anna.Id });

        report.Counts.Reopened.ShouldBe(1);
        report.Times.FirstResponse.Count.ShouldBe(4);
        anna.Times.FirstResponse.Count.ShouldBe(2);
        report.Times.Resolution.Count.ShouldBe(2);
        report.Times.Resolution.Median.ShouldBe((3600 + 1800) / 2d);
    }

    [Fact]
    public async Task An_empty_range_gives_no_figures()
    {
        var s = await SeedAsync();

        var report = await Reports.RunAsync(As(s.Owner), new ReportFilter(Monday.AddDays(-30), Monday.AddDays(-20)));

        report.Counts.ShouldBe(ReportCounts.Empty);
        report.Times.FirstResponse.ShouldBe(DurationStats.Empty);
        report.Agents.ShouldBeEmpty();
    }

    [Fact]
    public async Task Agents_cannot_read_reports()
    {
        var s = await SeedAsync();

        (await Should.ThrowAsync<DomainException>(() => Reports.RunAsync(As(s.Agent), Week()))).Code.ShouldBe("team.not_allowed");
        await Should.ThrowAsync<DomainException>(() => Reports.DrillDownAsync(As(s.Agent), Week(), new DrillDown(FactKind.Opened), 0, 10));
    }

    [Fact]
    public async Task The_backfill_rebuilds_the_facts_recorded_live()
    {
        var s = await SeedAsync();
        Clock.Set(Berlin(4, 11, 0));
        await CustomerWritesAsync(s.Alma, "Reopening");
        await Conversations.ReopenAsync(As(s.Anna), s.B);
        var live = await FactsAsync();
        await using (var db = Database.CreateDbContext())
        {
            await db.ReportFacts.ExecuteDeleteAsync();
            await db.Conversations.ExecuteUpdateAsync(u => u.SetProperty(c => c.PeriodAnswered, false).SetProperty(c => c.PeriodFirstMessageAt, (DateTimeOffset?)null));
        }

        var stored = await Database.Get<ReportBackfill>().RunAsync();
        var again = await Database.Get<ReportBackfill>().RunAsync();

        stored.ShouldBe(live.Count);
        again.ShouldBe(0);
        (await FactsAsync()).ShouldBe(live);
        Clock.Set(Berlin(4, 11, 5));
        await AgentRepliesAsync(s.Anna, s.A, "Continuing after the backfill");
        (await FactsAsync()).Count(f => f.Kind == FactKind.FirstResponse && f.ConversationId == s.A).ShouldBe(2);
    }

    [Fact]
    public async Task The_rollup_counts_exactly_what_the_facts_count()
    {
        var s = await SeedAsync();
        Clock.Set(Berlin(4, 11, 0));
        await CustomerWritesAsync(s.Alma, "Reopening");
        await Conversations.ReopenAsync(As(s.Anna), s.B);
        await AgentRepliesAsync(s.Ben, s.B, "Back again");
        await Conversations.ResolveAsync(As(s.Ben), s.B);

        await using var db = Database.CreateDbContext();
        var facts = (await db.ReportFacts.AsNoTracking().ToListAsync())
            .Where(f => ReportCount.Kinds.Contains(f.Kind))
            .GroupBy(f => (f.Kind, f.Slot, f.InboxId, AgentId: f.AgentId ?? ReportCount.NoAgent))
            .Select(g => (g.Key.Kind, g.Key.Slot, g.Key.InboxId, g.Key.AgentId, Count: (long)g.Count()))
            .OrderBy(r => r).ToList();
        var rollup = (await db.ReportCounts.AsNoTracking().ToListAsync())
            .Select(c => (c.Kind, c.Slot, c.InboxId, c.AgentId, c.Count))
            .OrderBy(r => r).ToList();

        facts.Sum(f => f.Count).ShouldBeGreaterThan(10);
        rollup.ShouldBe(facts);
    }

    [Fact]
    public async Task A_save_with_more_rollup_rows_than_one_statement_takes_counts_them_all()
    {
        var s = await SeedAsync();
        await using var db = Database.CreateDbContext();
        var before = await db.ReportCounts.SumAsync(c => c.Count);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == s.B);
        // One customer message per quarter hour: a rollup row each, 70,000 parameters in one statement (SQLite takes
        // 32,766, PostgreSQL 65,535).
        const int messages = 14_000;
        var start = Clock.GetUtcNow();
        for (var i = 0; i < messages; i++)
        {
            db.Messages.AddRange(conversation.ReceiveFromCustomer($"Message {i}", null, start.AddMinutes(15 * i)));
        }

        await db.SaveChangesAsync();

        await using var fresh = Database.CreateDbContext();
        (await fresh.ReportCounts.SumAsync(c => c.Count)).ShouldBe(before + messages);
    }

    [Fact]
    public async Task A_save_that_fails_adds_nothing_to_the_rollup()
    {
        var s = await SeedAsync();
        await using var db = Database.CreateDbContext();
        var before = await db.ReportCounts.SumAsync(c => c.Count);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == s.B);
        db.Messages.AddRange(conversation.ReceiveFromCustomer("Lost with the save", null, Clock.GetUtcNow()));
        // A second label named like an existing one: the save fails on the unique name, after the facts of the
        // customer's message were added to it.
        db.Labels.Add(BizInbox.Domain.Labels.Label.Create("Billing", "#123456"));

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var fresh = Database.CreateDbContext();
        (await fresh.ReportCounts.SumAsync(c => c.Count)).ShouldBe(before);
    }

    private async Task<List<(FactKind Kind, long ConversationId, string? AgentId, long AtTicks, double? Seconds, double? BusinessSeconds)>> FactsAsync()
    {
        await using var db = Database.CreateDbContext();
        return [.. (await db.ReportFacts.AsNoTracking().ToListAsync())
            .Select(f => (f.Kind, f.ConversationId, f.AgentId, f.AtTicks, f.Seconds, f.BusinessSeconds))
            .OrderBy(f => f.ConversationId).ThenBy(f => f.AtTicks).ThenBy(f => f.Kind)];
    }
}

public sealed class SqliteReportServiceTests() : ReportServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresReportServiceTests(PostgresServer postgres) : ReportServiceTests(DatabaseProvider.Postgres, postgres);
