using BizInbox.Domain;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Features.Team;

public abstract class InvitationAcceptanceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres)
{
    [Fact]
    public async Task Preview_ShowsEmailRoleAndBusiness()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "max@example.com", TeamRole.Manager, BaseUri);

        var preview = await Acceptance.PreviewAsync(TokenOf(link));

        preview.ShouldBe(new InvitationPreview("max@example.com", TeamRole.Manager, "Bäckerei Olga"));
    }

    [Fact]
    public async Task Accept_CreatesActiveMemberWithTheInvitedRole()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "max@example.com", TeamRole.Manager, BaseUri);
        Clock.Advance(TimeSpan.FromHours(20));

        var member = await Acceptance.AcceptAsync(TokenOf(link), "  Max Manager ", StrongPassword);

        var saved = await UserAsync(member.Id);
        saved.Email.ShouldBe("max@example.com");
        saved.DisplayName.ShouldBe("Max Manager");
        saved.IsActive.ShouldBeTrue();
        saved.EmailConfirmed.ShouldBeTrue();
        saved.CreatedAt.ShouldBe(Clock.GetUtcNow());
        (await RolesOfAsync(member.Id)).ShouldBe([Roles.Manager]);
        (await PasswordWorksAsync(member.Id, StrongPassword)).ShouldBeTrue();

        await using (var db = Database.CreateDbContext())
        {
            var invitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == link.InvitationId);
            invitation.AcceptedAt.ShouldBe(Clock.GetUtcNow());
            invitation.AcceptedByUserId.ShouldBe(member.Id);
        }

        (await Team.ListInvitationsAsync(As(owner))).ShouldBeEmpty();
        (await MembersAsync(As(owner))).Single(m => m.Id == member.Id).Role.ShouldBe(TeamRole.Manager);
    }

    [Fact]
    public async Task Accept_SecondTime_IsRefused()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);
        await Acceptance.AcceptAsync(TokenOf(link), "Anna", StrongPassword);

        await ShouldFailWithAsync("invitation.used", () => Acceptance.PreviewAsync(TokenOf(link)));
        await ShouldFailWithAsync("invitation.used", () => Acceptance.AcceptAsync(TokenOf(link), "Anna Again", StrongPassword));

        await using var db = Database.CreateDbContext();
        (await db.Users.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Accept_WhenInvitationExpired_IsRefused()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMicroseconds(1));
        (await Acceptance.PreviewAsync(TokenOf(link))).Email.ShouldBe("anna@example.com");

        Clock.Advance(TimeSpan.FromMicroseconds(1));
        await ShouldFailWithAsync("invitation.expired", () => Acceptance.PreviewAsync(TokenOf(link)));
        await ShouldFailWithAsync("invitation.expired", () => Acceptance.AcceptAsync(TokenOf(link), "Anna", StrongPassword));

        Clock.Advance(TimeSpan.FromDays(30));
        await ShouldFailWithAsync("invitation.expired", () => Acceptance.AcceptAsync(TokenOf(link), "Anna", StrongPassword));
        (await Team.ListInvitationsAsync(As(owner))).ShouldHaveSingleItem().Status.ShouldBe(InvitationStatus.Expired);
        await using var db = Database.CreateDbContext();
        (await db.Users.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Accept_WhenInvitationRevoked_IsRefused()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        await Team.RevokeInvitationAsync(As(owner), link.InvitationId);

        await ShouldFailWithAsync("invitation.revoked", () => Acceptance.PreviewAsync(TokenOf(link)));
        await ShouldFailWithAsync("invitation.revoked", () => Acceptance.AcceptAsync(TokenOf(link), "Anna", StrongPassword));
        (await Team.ListInvitationsAsync(As(owner))).ShouldBeEmpty();
        await ShouldFailWithAsync("invitation.revoked", () => Team.RevokeInvitationAsync(As(owner), link.InvitationId));
        await ShouldFailWithAsync("invitation.closed", () => Team.RenewInvitationAsync(As(owner), link.InvitationId, BaseUri));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Accept_WithUnknownToken_IsRefused(string token)
    {
        await SetupOwnerAsync();

        await ShouldFailWithAsync("invitation.not_found", () => Acceptance.PreviewAsync(token));
        await ShouldFailWithAsync("invitation.not_found", () => Acceptance.AcceptAsync(token, "Eve", StrongPassword));
    }

    [Fact]
    public async Task Accept_WithWeakPassword_SavesNothingAndTheLinkStillWorks()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        await ShouldFailWithAsync("member.password_weak", () => Acceptance.AcceptAsync(TokenOf(link), "Anna", "short"));

        await using (var db = Database.CreateDbContext())
        {
            (await db.Users.CountAsync()).ShouldBe(1);
            (await db.Invitations.AsNoTracking().SingleAsync()).AcceptedAt.ShouldBeNull();
        }

        var member = await Acceptance.AcceptAsync(TokenOf(link), "Anna", StrongPassword);
        (await RolesOfAsync(member.Id)).ShouldBe([Roles.Agent]);
    }

    [Fact]
    public async Task Accept_WithoutName_IsRefusedAndSavesNothing()
    {
        var owner = await SetupOwnerAsync();
        var link = await Team.InviteAsync(As(owner), "anna@example.com", TeamRole.Agent, BaseUri);

        await ShouldFailWithAsync("member.name_required", () => Acceptance.AcceptAsync(TokenOf(link), "   ", StrongPassword));

        await using var db = Database.CreateDbContext();
        (await db.Users.CountAsync()).ShouldBe(1);
    }

    /// <summary>
    /// Two people open the same link and submit at the same moment: both have read the invitation as
    /// pending before either creates the account. One must get the account; the other a clear refusal.
    /// </summary>
    [Fact]
    public async Task Accept_SameInvitationTwiceAtOnce_CreatesExactlyOneMember()
    {
        var database = await NewDatabaseAsync(migrate: true);
        var owner = await database.Get<Web.Features.Setup.SetupService>().CompleteAsync(OwnerSetup());
        var link = await database.Get<TeamService>().InviteAsync(database.Member(Principal(owner)), "anna@example.com", TeamRole.Agent, BaseUri);
        var acceptance = database.Get<InvitationAcceptance>();

        var outcomes = await Task.WhenAll(
            OutcomeOf(Task.Run(() => acceptance.AcceptAsync(TokenOf(link), "Anna One", StrongPassword))),
            OutcomeOf(Task.Run(() => acceptance.AcceptAsync(TokenOf(link), "Anna Two", StrongPassword))));

        await using var db = database.CreateDbContext();
        (await db.Users.CountAsync(u => u.Email == "anna@example.com")).ShouldBe(1);
        outcomes.Count(o => o is null).ShouldBe(1, "exactly one acceptance must succeed");
        var failure = outcomes.Single(o => o is not null)!;
        var domain = failure as DomainException;
        domain.ShouldNotBeNull($"the losing acceptance must be refused with a DomainException, not {failure.GetType().Name}: {failure.GetBaseException().Message}");
        domain.Code.ShouldBe("invitation.used");
    }
}

public sealed class SqliteInvitationAcceptanceTests() : InvitationAcceptanceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresInvitationAcceptanceTests(PostgresServer postgres) : InvitationAcceptanceTests(DatabaseProvider.Postgres, postgres);
