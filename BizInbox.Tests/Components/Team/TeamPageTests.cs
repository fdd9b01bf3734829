using BizInbox.Domain.Team;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Team;

public sealed class TeamPageTests : ComponentTest
{
    private static AngleSharp.Dom.IElement Row(IRenderedComponent<TeamPage> page, string name) =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));

    private static List<string> Actions(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("button").Select(b => b.GetAttribute("aria-label") ?? b.TextContent.Trim()).ToList();

    [Fact]
    public async Task Owner_ManagesManagersAndAgents_ButNotTheirOwnRow()
    {
        var owner = await SignInAsync();
        await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com", "Mia Manager");
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");

        var page = Render<TeamPage>();

        var own = Row(page, "Olga Owner");
        own.TextContent.ShouldContain("you");
        Actions(own).ShouldBeEmpty();
        Actions(Row(page, "Mia Manager")).ShouldBe(["Password reset link Mia Manager", "Sign out everywhere Mia Manager", "Deactivate Mia Manager"]);
        Actions(Row(page, "Anna Agent")).ShouldBe(["Password reset link Anna Agent", "Sign out everywhere Anna Agent", "Deactivate Anna Agent"]);
        // An owner may grant both roles below theirs, so the role is a choice.
        Row(page, "Anna Agent").QuerySelector(".mud-select").ShouldNotBeNull();
    }

    [Fact]
    public async Task Manager_ManagesAgentsOnly_AndCannotGrantAnotherRole()
    {
        var owner = await SignInAsync();
        var mia = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com", "Mia Manager");
        await AddMemberAsync(owner, TeamRole.Manager, "max@example.com", "Max Manager");
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        SignIn(mia, TeamRole.Manager);

        var page = Render<TeamPage>();

        Actions(Row(page, "Olga Owner")).ShouldBeEmpty();
        Actions(Row(page, "Max Manager")).ShouldBeEmpty();
        Actions(Row(page, "Mia Manager")).ShouldBeEmpty();
        Row(page, "Mia Manager").TextContent.ShouldContain("you");
        Actions(Row(page, "Anna Agent")).ShouldBe(["Password reset link Anna Agent", "Sign out everywhere Anna Agent", "Deactivate Anna Agent"]);
        page.FindAll("tr .mud-select").ShouldBeEmpty();
    }

    [Fact]
    public void Agents_CannotOpenTheTeamPage()
    {
        var policy = typeof(TeamPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy;

        policy.ShouldBe(Policies.Manager);
    }

    [Theory]
    [InlineData("Deactivate", false)]
    [InlineData("Cancel", true)]
    public async Task Deactivate_AsksFirst_AndEndsAccessOnlyWhenConfirmed(string answer, bool stillActive)
    {
        var owner = await SignInAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var hosts = Hosts.Render(this);
        var page = Render<TeamPage>();

        Row(page, "Anna Agent").QuerySelector("button[aria-label='Deactivate Anna Agent']")!.Click();
        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.Markup.ShouldContain("Deactivate Anna Agent?"));
        hosts.Answer(answer);

        await using var db = Database.CreateDbContext();
        page.WaitForAssertion(() => Row(page, "Anna Agent").TextContent.ShouldContain(stillActive ? "Active" : "Deactivated"));
        (await db.Users.SingleAsync(u => u.Id == anna.Id)).IsActive.ShouldBe(stillActive);
    }

    [Fact]
    public async Task WithdrawingAnInvitation_AsksFirst_AndClosesIt()
    {
        var owner = await SignInAsync();
        var link = await Get<TeamService>().InviteAsync(User, "ben@example.com", TeamRole.Agent, new Uri("https://inbox.example.com/"));
        var hosts = Hosts.Render(this);
        var page = Render<TeamPage>();

        page.Find("button[aria-label='Withdraw: ben@example.com']").Click();
        hosts.Answer("Withdraw");

        page.WaitForAssertion(() => page.Markup.ShouldContain("No open invitations."));
        await using var db = Database.CreateDbContext();
        (await db.Invitations.SingleAsync(i => i.Id == link.InvitationId)).RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task ChangingARole_SavesIt()
    {
        var owner = await SignInAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var hosts = Hosts.Render(this);
        var page = Render<TeamPage>();

        Row(page, "Anna Agent").QuerySelector(".mud-select .mud-input-control")!.MouseDown();
        hosts.Pick("Manager");

        await using var db = Database.CreateDbContext();
        page.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Role changed."));
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == anna.Id select r.Name).ToListAsync();
        roles.ShouldBe([Roles.NameOf(TeamRole.Manager)]);
    }

    [Fact]
    public async Task AResetLink_IsShownToCopy_ForTheMemberAsked()
    {
        var owner = await SignInAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        Hosts.Render(this);
        var page = Render<TeamPage>();

        Row(page, "Anna Agent").QuerySelector("button[aria-label='Password reset link Anna Agent']")!.Click();

        page.WaitForAssertion(() => (page.Find("input[name=ResetLink]").GetAttribute("value") ?? string.Empty).ShouldContain("/account/reset-password?user="));
        page.Markup.ShouldContain("Send this link to Anna Agent.");
    }

    [Fact]
    public async Task SigningAMemberOutEverywhere_RenewsTheirSecurityStamp()
    {
        var owner = await SignInAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var stampBefore = anna.SecurityStamp;
        var hosts = Hosts.Render(this);
        var page = Render<TeamPage>();

        Row(page, "Anna Agent").QuerySelector("button[aria-label='Sign out everywhere Anna Agent']")!.Click();

        page.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Anna Agent is signed out everywhere."));
        await using var db = Database.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Id == anna.Id)).SecurityStamp.ShouldNotBe(stampBefore);
    }

    [Fact]
    public async Task OnlyTheOwner_SeesTheTeamWideTwoFactorSwitch()
    {
        var owner = await SignInAsync();
        var mia = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com", "Mia Manager");
        Render<TeamPage>().Markup.ShouldContain("Require two-factor sign-in for the whole team");

        SignIn(mia, TeamRole.Manager);

        Render<TeamPage>().Markup.ShouldNotContain("Require two-factor sign-in for the whole team");
    }
}
