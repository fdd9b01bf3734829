using System.Text;
using BizInbox.Domain;
using BizInbox.Domain.Audit;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Audit;
using BizInbox.Web.Features.Labels;
using BizInbox.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Audit;

public abstract class AuditLogTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private AuditQueries Queries => Database.Get<AuditQueries>();

    [Fact]
    public async Task TeamChanges_AreRecorded_WithActorTargetAndAction()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna");

        await Team.ChangeRoleAsync(As(owner), agent.Id, TeamRole.Manager);
        await Team.DeactivateAsync(As(owner), agent.Id);
        await Team.ReactivateAsync(As(owner), agent.Id);

        var rows = (await Queries.PageAsync(As(owner), new AuditFilter(), 0, 50)).Rows;
        rows.Select(r => r.Action).ShouldBe([
            AuditAction.MemberReactivated, AuditAction.MemberDeactivated, AuditAction.RoleChanged,
            AuditAction.InvitationAccepted, AuditAction.InvitationCreated,
        ]);
        rows.Single(r => r.Action == AuditAction.RoleChanged).ShouldSatisfyAllConditions(
            r => r.Target.ShouldBe("Anna <anna@example.com>"),
            r => r.Details.ShouldBe("Agent → Manager"));
        rows.Single(r => r.Action == AuditAction.InvitationCreated).Target.ShouldBe("anna@example.com");
    }

    [Fact]
    public async Task LabelAndBusinessHoursChanges_AreRecorded()
    {
        var owner = await SetupOwnerAsync();
        var labels = Database.Get<LabelService>();
        var label = await labels.CreateAsync(As(owner), "VIP", "#1e88e5");
        await labels.UpdateAsync(As(owner), label.Id, "Stammkunde", "#1e88e5");
        await labels.DeleteAsync(As(owner), label.Id);
        await Database.Get<BusinessHoursService>().SaveAsync(As(owner), new BusinessHoursSettings(
            true, "Europe/Berlin", null, [new IntervalRow(DayOfWeek.Monday, new(9, 0), new(17, 0))], []));

        var rows = (await Queries.PageAsync(As(owner), new AuditFilter(), 0, 50)).Rows.Take(4).Reverse();
        rows.Select(r => (r.Action, r.Target, r.Details)).ShouldBe([
            (AuditAction.LabelsChanged, "VIP", "created"),
            (AuditAction.LabelsChanged, "Stammkunde", "renamed from VIP"),
            (AuditAction.LabelsChanged, "Stammkunde", "deleted"),
            (AuditAction.BusinessHoursChanged, null, "1 opening intervals, 0 closures, Europe/Berlin"),
        ]);
    }

    [Fact]
    public async Task Filters_NarrowByPersonActionPeriodAndText()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com", "Max");
        Clock.Advance(TimeSpan.FromDays(2));
        var since = Clock.GetUtcNow();
        await Team.InviteAsync(As(manager), "zoe@example.com", TeamRole.Agent, BaseUri);
        await Team.InviteAsync(As(owner), "ulf@example.com", TeamRole.Agent, BaseUri);

        (await ActionsAsync(owner, new AuditFilter(ActorId: manager.Id))).ShouldBe([AuditAction.InvitationCreated, AuditAction.InvitationAccepted]);
        (await ActionsAsync(owner, new AuditFilter(From: since))).Count.ShouldBe(2);
        (await ActionsAsync(owner, new AuditFilter(To: since))).Count.ShouldBe(2);
        (await ActionsAsync(owner, new AuditFilter(Action: AuditAction.InvitationAccepted))).ShouldBe([AuditAction.InvitationAccepted]);
        var found = (await Queries.PageAsync(As(owner), new AuditFilter(Text: "ZOE"), 0, 50)).Rows;
        found.ShouldHaveSingleItem().Target.ShouldBe("zoe@example.com");
    }

    [Theory]
    [InlineData(TeamRole.Manager)]
    [InlineData(TeamRole.Agent)]
    public async Task OnlyTheOwner_ReadsOrExportsTheLog(TeamRole role)
    {
        var owner = await SetupOwnerAsync();
        var member = await AddMemberAsync(owner, role, "member@example.com");

        await Should.ThrowAsync<DomainException>(() => Queries.PageAsync(As(member), new AuditFilter(), 0, 50));
        await Should.ThrowAsync<DomainException>(() => Queries.ActorsAsync(As(member)));
        await Should.ThrowAsync<DomainException>(() => Queries.WriteCsvAsync(As(member), new AuditFilter(), Stream.Null));
    }

    [Fact]
    public async Task An_entry_changed_on_the_object_itself_is_refused_too()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        await using var db = Database.CreateDbContext();
        var entry = await db.AuditEntries.FirstAsync();

        // No entry API: only change detection can see this.
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Details))!.SetValue(entry, "nothing happened");
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var fresh = Database.CreateDbContext();
        (await fresh.AuditEntries.AnyAsync(e => e.Details == "nothing happened")).ShouldBeFalse();
    }

    [Fact]
    public async Task Entries_CannotBeChangedOrDeletedThroughTheApp()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        await using var db = Database.CreateDbContext();
        var entry = await db.AuditEntries.FirstAsync();

        db.Entry(entry).Property(e => e.Details).CurrentValue = "nothing happened";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var fresh = Database.CreateDbContext();
        (await fresh.AuditEntries.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Purge_DeletesOnlyEntriesOlderThanTheRetentionPeriod()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "old@example.com");
        Clock.Advance(TimeSpan.FromDays(300));
        await AddMemberAsync(owner, TeamRole.Agent, "new@example.com");
        Clock.Advance(TimeSpan.FromDays(66));

        (await Database.Get<AuditPurge>().PurgeAsync()).ShouldBe(2);

        var rows = (await Queries.PageAsync(As(owner), new AuditFilter(), 0, 50)).Rows;
        rows.Select(r => r.Target).ShouldBe(["new@example.com", "new@example.com"]);
    }

    [Fact]
    public async Task Export_NeutralisesFormulas_AndIsItselfRecorded()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "eve@example.com", "=HYPERLINK(\"http://evil.example\")");
        using var output = new MemoryStream();

        var count = await Queries.WriteCsvAsync(As(owner), new AuditFilter(), output);

        count.ShouldBe(2);
        var csv = Encoding.UTF8.GetString(output.ToArray());
        csv.ShouldContain("'=HYPERLINK");
        csv.ShouldNotContain(",=HYPERLINK");
        (await ActionsAsync(owner, new AuditFilter())).First().ShouldBe(AuditAction.AuditLogExported);
    }

    private async Task<List<AuditAction>> ActionsAsync(Web.Data.AppUser owner, AuditFilter filter) =>
        [.. (await Queries.PageAsync(As(owner), filter, 0, 50)).Rows.Select(r => r.Action)];
}

public sealed class SqliteAuditLogTests() : AuditLogTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresAuditLogTests(PostgresServer postgres) : AuditLogTests(DatabaseProvider.Postgres, postgres);
