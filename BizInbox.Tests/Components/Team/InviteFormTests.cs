using BizInbox.Domain.Team;
using BizInbox.Web.Features.Team;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Team;

public sealed class InviteFormTests : ComponentTest
{
    [Fact]
    public async Task Invite_ShowsTheLinkToHandOn_AndStoresTheInvitation()
    {
        await SignInAsync();
        Hosts.Render(this);
        var page = Render<TeamPage>();

        page.Input("Email").Change("ben@example.com");
        page.Find("form[aria-label='Invite a team member']").Submit();

        page.WaitForAssertion(() => page.Find("[role=status]").TextContent.ShouldContain("Send this link to ben@example.com"));
        page.Input("Invitation link").GetAttribute("value")!.ShouldContain("/invite/");
        page.Input("Email").GetAttribute("value").ShouldBeNullOrEmpty();
        await using var db = Database.CreateDbContext();
        var invitation = await db.Invitations.SingleAsync();
        invitation.Email.ShouldBe("ben@example.com");
        invitation.Role.ShouldBe(TeamRole.Agent);
        page.FindAll("tr").ShouldContain(r => r.TextContent.Contains("ben@example.com"));
    }

    [Theory]
    [InlineData("not-an-address", "The email address is not valid.")]
    [InlineData("olga@example.com", "Someone with this email address is already on the team.")]
    public async Task Invite_Refused_SaysWhyNextToTheEmail_AndKeepsWhatWasTyped(string email, string message)
    {
        await SignInAsync();
        var page = Render<TeamPage>();

        page.Input("Email").Change(email);
        page.Find("form[aria-label='Invite a team member']").Submit();

        page.WaitForAssertion(() => page.ErrorOf("Email").ShouldBe(message));
        page.Input("Email").GetAttribute("value").ShouldBe(email);
        page.FindAll("[role=status]").ShouldBeEmpty();
        await using var db = Database.CreateDbContext();
        (await db.Invitations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task CopyButton_PutsTheLinkOnTheClipboard()
    {
        await SignInAsync();
        var copied = JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        Hosts.Render(this);
        var page = Render<TeamPage>();
        page.Input("Email").Change("ben@example.com");
        page.Find("form[aria-label='Invite a team member']").Submit();

        page.WaitForElement("button[aria-label='Copy: Invitation link']").Click();

        copied.Invocations.Single().Arguments.Single()!.ToString()!.ShouldContain("/invite/");
    }
}
