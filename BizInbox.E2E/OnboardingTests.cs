using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>A fresh installation, from the first visit to a working team.</summary>
[Collection(BrowserGroup.Name)]
public sealed class OnboardingTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private readonly AppServer _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Owner_SetsUpTheBusiness_InvitesAnAgent_WhoSeesOnlyAgentPages() => ScenarioAsync(async () =>
    {
        var owner = await OpenAsync(_app.BaseUrl, "owner");
        await owner.GotoAsync("");
        await Expect(owner).ToHaveURLAsync(UrlPath("/setup"));
        await new SetupPage(owner).CreateBusinessAsync("Fahrradladen Nord", "Olga Owner", "olga@example.com", AppServer.Password);

        await Expect(owner).ToHaveURLAsync(UrlPath("/"));
        // Which menu entries each role sees is checked in bUnit (ShellTests); here only that the owner is signed in.
        await owner.GotoAsync("contacts");
        var ownerShell = new Shell(owner);
        await Expect(ownerShell.UserMenu).ToContainTextAsync("Olga Owner");
        await Expect(ownerShell.UserMenu).ToContainTextAsync("Owner");

        var response = await owner.GotoAsync("setup");
        response!.Status.ShouldBe(404);

        var team = new TeamPage(owner);
        await team.GotoAsync();
        var link = await team.InviteAsync("anna@example.com");

        var agent = await OpenAsync(_app.BaseUrl, "agent");
        await agent.GotoAsync(link);
        await Expect(agent.GetByText("You have been invited to Fahrradladen Nord as Agent.")).ToBeVisibleAsync();
        await new AcceptInvitationPage(agent).AcceptAsync("Anna Agent", AppServer.Password);
        await Expect(agent).ToHaveURLAsync(UrlPath("/"));
        await agent.GotoAsync("contacts");

        var agentShell = new Shell(agent);
        await Expect(agentShell.UserMenu).ToContainTextAsync("Anna Agent");
        await Expect(agentShell.UserMenu).ToContainTextAsync("Agent");

        await agent.GotoAsync("settings/team");
        await Expect(agent).ToHaveURLAsync(UrlPath("/account/access-denied"));

        await agent.GotoAsync(link);
        await Expect(agent.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This invitation has already been used.");

        await team.GotoAsync();
        await Expect(team.MemberRow("Anna Agent")).ToContainTextAsync("anna@example.com");
    });
}
