using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.CannedReplies;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Features.Team;

/// <summary>
/// The member of an open page (a circuit's scope): loaded once, yet never acting on a role or access the database no
/// longer holds.
/// </summary>
public abstract class CurrentMemberTests(DatabaseProvider provider, PostgresServer? postgres) : CircuitTests(provider, postgres)
{
    [Fact]
    public async Task AManagerDemotedWhileTheTeamPageIsOpen_IsRefusedAtTheNextVerb()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "mara@example.com");
        var (_, page) = await OpenTabAsync(manager);
        (await Team.ListInvitationsAsync(page)).ShouldNotBeNull();
        page.Known!.Role.ShouldBe(TeamRole.Manager);

        await Team.ChangeRoleAsync(As(owner), manager.Id, TeamRole.Agent);

        await ShouldFailWithAsync("team.not_allowed", () => Team.ListInvitationsAsync(page));
        page.Known!.Role.ShouldBe(TeamRole.Agent);
    }

    [Fact]
    public async Task AMemberDeactivatedWhilePageIsOpen_IsRefusedAtTheNextVerb()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var (_, page) = await OpenTabAsync(agent);
        var replies = Database.Get<CannedReplyService>();
        (await replies.ListAsync(page)).ShouldBeEmpty();

        await Team.DeactivateAsync(As(owner), agent.Id);

        await ShouldFailWithAsync("team.not_allowed", () => replies.ListAsync(page));
    }

    [Fact]
    public async Task APromotedAgent_MayManageTheTeam_WithoutReloadingThePage()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var (_, page) = await OpenTabAsync(agent);
        await ShouldFailWithAsync("team.not_allowed", () => Team.ListInvitationsAsync(page));

        await Team.ChangeRoleAsync(As(owner), agent.Id, TeamRole.Manager);

        (await Team.ListInvitationsAsync(page)).ShouldNotBeNull();
    }

    [Fact]
    public async Task TheMember_IsLoadedOnce_AndForgottenAtRevalidation()
    {
        var owner = await SetupOwnerAsync();
        var (tab, page) = await OpenTabAsync(owner);
        var first = await page.RequireAsync(TeamRight.ManageTeam);

        (await page.RequireAsync(TeamRight.WorkInInbox)).ShouldBeSameAs(first);
        (await tab.RecheckNowAsync()).ShouldBeTrue();

        page.Known.ShouldBeNull();
        (await page.RequireAsync(TeamRight.WorkInInbox)).ShouldBe(first);
    }
}

public sealed class SqliteCurrentMemberTests() : CurrentMemberTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresCurrentMemberTests(PostgresServer postgres) : CurrentMemberTests(DatabaseProvider.Postgres, postgres);
