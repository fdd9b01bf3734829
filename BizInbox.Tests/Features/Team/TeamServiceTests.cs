using System.Security.Claims;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Features.Team;

public abstract class TeamServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    private static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    [Fact]
    public async Task Invite_ByOwner_CreatesPendingInvitationsForManagerAndAgent()
    {
        var owner = await SetupOwnerAsync();

        var manager = await Team.InviteAsync(As(owner), "  max@example.com ", TeamRole.Manager, BaseUri);
        var agent = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        manager.Email.ShouldBe("max@example.com");
        manager.Url.ToString().ShouldStartWith("https://inbox.example.com/invite/");
        manager.Emailed.ShouldBeFalse();
        Database.Sender.Sent.Select(s => (s.Email, s.InviterName, s.Link)).ShouldBe(
            [("max@example.com", "Olga Owner", manager.Url), ("anna@example.com", "Olga Owner", agent.Url)]);

        var open = await Team.ListInvitationsAsync(As(owner));
        open.Select(i => (i.Email, i.Role, i.Status, i.InvitedBy)).OrderBy(i => i.Email).ShouldBe(
            [("anna@example.com", TeamRole.Agent, InvitationStatus.Pending, "Olga Owner"),
             ("max@example.com", TeamRole.Manager, InvitationStatus.Pending, "Olga Owner")]);
        open.ShouldAllBe(i => i.ExpiresAt == Clock.GetUtcNow() + InvitationLifetime);

        // Only the token's hash is stored.
        await using var db = Database.CreateDbContext();
        var stored = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == manager.InvitationId);
        stored.TokenHash.ShouldBe(InvitationTokens.Hash(TokenOf(manager)));
        stored.TokenHash.ShouldNotContain(TokenOf(manager));
    }

    [Fact]
    public async Task Invite_ByManager_AllowsAgentButNotManager()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");

        var agent = await Team.InviteAsync(As(manager), "anna@example.com", TeamRole.Agent, BaseUri);
        agent.Email.ShouldBe("anna@example.com");

        await ShouldFailWithAsync("invitation.role_not_allowed", () =>
            Team.InviteAsync(As(manager), "moritz@example.com", TeamRole.Manager, BaseUri));
        await ShouldFailWithAsync("invitation.role_not_allowed", () =>
            Team.InviteAsync(As(owner), "second-owner@example.com", TeamRole.Owner, BaseUri));

        (await Team.ListInvitationsAsync(As(owner))).Select(i => i.Email).ShouldBe(["anna@example.com"]);
    }

    [Fact]
    public async Task Agent_CannotListOrInvite()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => MembersAsync(As(agent)));
        await ShouldFailWithAsync("team.not_allowed", () => Team.ListInvitationsAsync(As(agent)));
        await ShouldFailWithAsync("team.not_allowed", () => Team.InviteAsync(As(agent), "friend@example.com", TeamRole.Agent, BaseUri));
    }

    [Fact]
    public async Task UnknownOrAnonymousActor_IsNotAllowed()
    {
        await SetupOwnerAsync();
        var anonymous = Database.Member(new ClaimsPrincipal(new ClaimsIdentity()));
        var stranger = Database.Member(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "no-such-user")], "Test")));

        await ShouldFailWithAsync("team.not_allowed", () => MembersAsync(anonymous));
        await ShouldFailWithAsync("team.not_allowed", () => Team.InviteAsync(stranger, "x@example.com", TeamRole.Agent, BaseUri));
    }

    [Fact]
    public async Task Actor_RoleIsReadFromTheDatabaseNotFromTheCookie()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var claimsOwner = Database.Member(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Role, Roles.Owner)], "Test", ClaimTypes.Name, ClaimTypes.Role)));

        await ShouldFailWithAsync("team.not_allowed", () => MembersAsync(claimsOwner));
    }

    [Fact]
    public async Task Invite_SameEmailTwice_RenewsTheOpenInvitation()
    {
        var owner = await SetupOwnerAsync();
        var first = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);
        Clock.Advance(TimeSpan.FromDays(2));

        var second = await Team.InviteAsync(As(owner), "ANNA@example.com", TeamRole.Agent, BaseUri);

        second.InvitationId.ShouldBe(first.InvitationId);
        second.Url.ShouldNotBe(first.Url);
        var open = (await Team.ListInvitationsAsync(As(owner))).ShouldHaveSingleItem();
        open.Email.ShouldBe("anna@example.com");
        open.ExpiresAt.ShouldBe(Clock.GetUtcNow() + InvitationLifetime);
        await ShouldFailWithAsync("invitation.not_found", () => Acceptance.PreviewAsync(TokenOf(first)));
        (await Acceptance.PreviewAsync(TokenOf(second))).Email.ShouldBe("anna@example.com");
    }

    [Fact]
    public async Task Invite_SameEmailAfterExpiry_RenewsTheExpiredInvitation()
    {
        var owner = await SetupOwnerAsync();
        var first = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);
        Clock.Advance(InvitationLifetime + TimeSpan.FromDays(1));

        var second = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        second.InvitationId.ShouldBe(first.InvitationId);
        (await Team.ListInvitationsAsync(As(owner))).ShouldHaveSingleItem().Status.ShouldBe(InvitationStatus.Pending);
        await Acceptance.AcceptAsync(TokenOf(second), "Anna", StrongPassword);
    }

    [Fact]
    public async Task Invite_EmailOfExistingMember_IsRefused()
    {
        var owner = await SetupOwnerAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");

        await ShouldFailWithAsync("invitation.already_member", () =>
            Team.InviteAsync(As(owner), " Anna@Example.com ", TeamRole.Manager, BaseUri));
        await ShouldFailWithAsync("invitation.already_member", () =>
            Team.InviteAsync(As(owner), OwnerEmail.ToUpperInvariant(), TeamRole.Agent, BaseUri));
        (await Team.ListInvitationsAsync(As(owner))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Invite_WithInvalidEmail_IsRefused()
    {
        var owner = await SetupOwnerAsync();

        await ShouldFailWithAsync("invitation.email_invalid", () => Team.InviteAsync(As(owner), "anna at example", TeamRole.Agent, BaseUri));
        Database.Sender.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task RenewInvitation_OldLinkStopsWorking_NewLinkWorks()
    {
        var owner = await SetupOwnerAsync();
        var original = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);
        Clock.Advance(TimeSpan.FromDays(6));

        var renewed = await Team.RenewInvitationAsync(As(owner), original.InvitationId, BaseUri);

        renewed.InvitationId.ShouldBe(original.InvitationId);
        await ShouldFailWithAsync("invitation.not_found", () => Acceptance.PreviewAsync(TokenOf(original)));
        await ShouldFailWithAsync("invitation.not_found", () => Acceptance.AcceptAsync(TokenOf(original), "Anna", StrongPassword));

        // The renewed link lives a full lifetime from now: past the original expiry it still works.
        Clock.Advance(TimeSpan.FromDays(3));
        var member = await Acceptance.AcceptAsync(TokenOf(renewed), "Anna", StrongPassword);
        (await RolesOfAsync(member.Id)).ShouldBe([Roles.Agent]);
    }

    [Fact]
    public async Task RevokeInvitation_ByManager_OfManagerInvitation_IsNotAllowed()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var forManager = await Team.InviteAsync(As(owner), "moritz@example.com", TeamRole.Manager, BaseUri);

        await ShouldFailWithAsync("team.not_allowed", () => Team.RevokeInvitationAsync(As(manager), forManager.InvitationId));
        await ShouldFailWithAsync("team.not_allowed", () => Team.RenewInvitationAsync(As(manager), forManager.InvitationId, BaseUri));
        (await Acceptance.PreviewAsync(TokenOf(forManager))).Role.ShouldBe(TeamRole.Manager);
    }

    [Fact]
    public async Task InvitingAgain_AsAManager_DoesNotRenewAnOwnersManagerInvitation()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var forManager = await Team.InviteAsync(As(owner), "moritz@example.com", TeamRole.Manager, BaseUri);

        await ShouldFailWithAsync("invitation.role_not_allowed",
            () => Team.InviteAsync(As(manager), "moritz@example.com", TeamRole.Manager, BaseUri));
        (await Acceptance.PreviewAsync(TokenOf(forManager))).Role.ShouldBe(TeamRole.Manager);
    }

    [Fact]
    public async Task Members_ShowEveryoneWithRoleAndWhoMayBeManaged()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com", "Max Manager");
        await AddMemberAsync(manager, TeamRole.Agent, "anna@example.com", "Anna Agent");

        var seenByOwner = await MembersAsync(As(owner));
        seenByOwner.Select(m => (m.DisplayName, m.Role, m.IsYou, m.CanManage, m.IsActive)).ShouldBe(
            [("Olga Owner", TeamRole.Owner, true, false, true),
             ("Max Manager", TeamRole.Manager, false, true, true),
             ("Anna Agent", TeamRole.Agent, false, true, true)]);

        var seenByManager = await MembersAsync(As(manager));
        seenByManager.Select(m => (m.DisplayName, m.IsYou, m.CanManage)).ShouldBe(
            [("Olga Owner", false, false), ("Max Manager", true, false), ("Anna Agent", false, true)]);
    }

    [Fact]
    public async Task Members_AreSearchedSortedAndPagedInTheDatabase_WithTheTotal()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com", "Max Manager");
        await AddMemberAsync(manager, TeamRole.Agent, "anna@example.com", "anna Agent");
        await AddMemberAsync(manager, TeamRole.Agent, "bernd@kunde.de", "Bernd Bauer");
        await AddMemberAsync(manager, TeamRole.Agent, "carla@example.com", "Carla Christ");

        var byRole = await Team.PageMembersAsync(As(owner), new MemberQuery(PageSize: 2));
        byRole.Total.ShouldBe(5);
        byRole.Rows.Select(m => m.DisplayName).ShouldBe(["Olga Owner", "Max Manager"]);
        var next = await Team.PageMembersAsync(As(owner), new MemberQuery(PageSize: 2, Page: 1));
        next.Rows.Select(m => m.DisplayName).ShouldBe(["anna Agent", "Bernd Bauer"]);

        // Case does not decide the order or the match.
        var byName = await Team.PageMembersAsync(As(owner), new MemberQuery(Sort: MemberSort.Name, Descending: true));
        byName.Rows.Select(m => m.DisplayName).ShouldBe(["Olga Owner", "Max Manager", "Carla Christ", "Bernd Bauer", "anna Agent"]);
        var search = await Team.PageMembersAsync(As(owner), new MemberQuery(Search: " ANNA "));
        search.Total.ShouldBe(1);
        search.Rows.ShouldHaveSingleItem().Email.ShouldBe("anna@example.com");
        var byMail = await Team.PageMembersAsync(As(owner), new MemberQuery(Search: "KUNDE.de", Sort: MemberSort.Email));
        byMail.Rows.ShouldHaveSingleItem().DisplayName.ShouldBe("Bernd Bauer");
        var beyond = await Team.PageMembersAsync(As(owner), new MemberQuery(PageSize: 2, Page: 3));
        (beyond.Total, beyond.Rows.Count).ShouldBe((5, 0));
    }

    [Fact]
    public async Task Deactivate_ByOwner_EndsAccessAndChangesTheSecurityStamp()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var stampBefore = (await UserAsync(manager.Id)).SecurityStamp;
        Clock.Advance(TimeSpan.FromHours(3));

        await Team.DeactivateAsync(As(owner), manager.Id);

        var after = await UserAsync(manager.Id);
        after.IsActive.ShouldBeFalse();
        after.DeactivatedAt.ShouldBe(Clock.GetUtcNow());
        after.SecurityStamp.ShouldNotBeNullOrEmpty();
        after.SecurityStamp.ShouldNotBe(stampBefore);
        (await RolesOfAsync(manager.Id)).ShouldBe([Roles.Manager], "history and role are kept");
        (await MembersAsync(As(owner))).Single(m => m.Id == manager.Id).IsActive.ShouldBeFalse();

        // A deactivated manager can no longer act, and may not sign in.
        await ShouldFailWithAsync("team.not_allowed", () => MembersAsync(As(manager)));
        await using var scope = Database.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        (await signIn.CanSignInAsync(after)).ShouldBeFalse();
    }

    [Fact]
    public async Task Reactivate_ByOwner_RestoresAccess()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        await Team.DeactivateAsync(As(owner), agent.Id);

        await Team.ReactivateAsync(As(owner), agent.Id);

        var after = await UserAsync(agent.Id);
        after.IsActive.ShouldBeTrue();
        after.DeactivatedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Deactivate_ByManager_OfAgent_Works()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var agent = await AddMemberAsync(manager, TeamRole.Agent, "anna@example.com");

        await Team.DeactivateAsync(As(manager), agent.Id);

        (await UserAsync(agent.Id)).IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task Deactivate_ByManager_OfOwnerOrAnotherManager_IsNotAllowed()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var otherManager = await AddMemberAsync(owner, TeamRole.Manager, "moritz@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Team.DeactivateAsync(As(manager), owner.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Team.DeactivateAsync(As(manager), otherManager.Id));

        (await UserAsync(owner.Id)).IsActive.ShouldBeTrue();
        (await UserAsync(otherManager.Id)).IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Deactivate_ByAgent_IsNotAllowed()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var otherAgent = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Team.DeactivateAsync(As(agent), otherAgent.Id));
    }

    [Fact]
    public async Task Deactivate_OfUnknownMember_IsRefused()
    {
        var owner = await SetupOwnerAsync();

        await ShouldFailWithAsync("team.member_not_found", () => Team.DeactivateAsync(As(owner), "no-such-user"));
    }

    [Fact]
    public async Task ChangingOwnAccess_IsRefusedForEveryone()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");

        await ShouldFailWithAsync("team.not_yourself", () => Team.DeactivateAsync(As(owner), owner.Id));
        await ShouldFailWithAsync("team.not_yourself", () => Team.ChangeRoleAsync(As(owner), owner.Id, TeamRole.Manager));
        await ShouldFailWithAsync("team.not_yourself", () => Team.UnlockAsync(As(owner), owner.Id));
        await ShouldFailWithAsync("team.not_yourself", () => Team.DeactivateAsync(As(manager), manager.Id));
        await ShouldFailWithAsync("team.not_yourself", () => Team.ChangeRoleAsync(As(manager), manager.Id, TeamRole.Agent));

        (await UserAsync(owner.Id)).IsActive.ShouldBeTrue();
        (await RolesOfAsync(owner.Id)).ShouldBe([Roles.Owner]);
        (await RolesOfAsync(manager.Id)).ShouldBe([Roles.Manager]);
    }

    [Fact]
    public async Task ChangeRole_ByOwner_MovesAgentToManager()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var stampBefore = (await UserAsync(agent.Id)).SecurityStamp;

        await Team.ChangeRoleAsync(As(owner), agent.Id, TeamRole.Manager);

        (await RolesOfAsync(agent.Id)).ShouldBe([Roles.Manager]);
        (await UserAsync(agent.Id)).SecurityStamp.ShouldNotBe(stampBefore, "the old role's sessions must end");

        // The new role applies at once: the former agent may now invite agents.
        (await Team.InviteAsync(As(agent), "ben@example.com", TeamRole.Agent, BaseUri)).Email.ShouldBe("ben@example.com");
    }

    [Fact]
    public async Task ChangeRole_ByManager_OrToOwner_IsNotAllowed()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "max@example.com");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Team.ChangeRoleAsync(As(manager), agent.Id, TeamRole.Manager));
        await ShouldFailWithAsync("team.not_allowed", () => Team.ChangeRoleAsync(As(owner), agent.Id, TeamRole.Owner));

        (await RolesOfAsync(agent.Id)).ShouldBe([Roles.Agent]);
    }

    [Fact]
    public async Task Unlock_ClearsLockoutEndAndFailedCount()
    {
        var owner = await SetupOwnerAsync();
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(agent.Id))!;
            (await users.AccessFailedAsync(user)).Succeeded.ShouldBeTrue();
            (await users.SetLockoutEndDateAsync(user, Clock.GetUtcNow().AddMinutes(15))).Succeeded.ShouldBeTrue();
        }

        (await UserAsync(agent.Id)).LockoutEnd.ShouldNotBeNull();
        (await MembersAsync(As(owner))).Single(m => m.Id == agent.Id).IsLockedOut.ShouldBeTrue();

        await Team.UnlockAsync(As(owner), agent.Id);

        var after = await UserAsync(agent.Id);
        after.LockoutEnd.ShouldBeNull();
        after.AccessFailedCount.ShouldBe(0);
        (await MembersAsync(As(owner))).Single(m => m.Id == agent.Id).IsLockedOut.ShouldBeFalse();
    }
}

public sealed class SqliteTeamServiceTests() : TeamServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresTeamServiceTests(PostgresServer postgres) : TeamServiceTests(DatabaseProvider.Postgres, postgres);
