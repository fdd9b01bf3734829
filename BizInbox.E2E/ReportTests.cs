using System.Text.RegularExpressions;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// A manager reads the response times of two conversations (answered after 2 and 8 minutes: median 5 minutes), drills
/// down to them and downloads both CSV files; an agent has no Reports menu and is refused the page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ReportTests(BrowserFixture browser) : BrowserTest(browser)
{
    private readonly ShiftableClock _clock = new();

    [Fact]
    public Task Manager_SeesTheMedian_DrillsDown_AndDownloadsBothFiles() => ScenarioAsync(async () =>
    {
        using var app = new AppServer(_clock);
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await app.AddMemberAsync(owner, TeamRole.Manager, "max@example.com", "Max Manager");
        var anna = await app.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await ConversationAsync(app, "Carla Kundin", anna, TimeSpan.FromMinutes(2));
        await ConversationAsync(app, "Dora Kundin", anna, TimeSpan.FromMinutes(8));

        var page = await OpenAsync(app.BaseUrl, "manager");
        await new SignInPage(page).SignInAsync("max@example.com", AppServer.Password);
        await page.GotoAsync("reports");
        await new Shell(page).WaitUntilInteractiveAsync();

        // The replies came a moment after each jump of the clock: 5 minutes and a few seconds.
        await Expect(page.GetByTestId("median-FirstResponse")).ToHaveTextAsync(new Regex(@"^5 min \d+ s$"));
        await Expect(page.GetByTestId("count-FirstResponse")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("total-Opened")).ToHaveTextAsync("2");

        await page.GetByTestId("count-FirstResponse").ClickAsync();
        var rows = page.GetByTestId("drill-down").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("Dora Kundin");
        await Expect(rows.Nth(1)).ToContainTextAsync("Carla Kundin");
        await page.Keyboard.PressAsync("Escape");

        var figures = await DownloadAsync(page, "export-summary");
        figures[0].ShouldContain("Group,Name,First response count");
        figures[1].ShouldStartWith("Total,");
        figures[1].Split(',')[2].ShouldBe("2");
        var conversations = await DownloadAsync(page, "export-conversations");
        conversations.Length.ShouldBe(3);
        conversations.Skip(1).Select(r => r.Split(',')[1]).ShouldBe(["Carla Kundin", "Dora Kundin"], ignoreOrder: true);
    });

    [Fact]
    public Task Agent_HasNoReportsMenu_AndIsRefusedThePage() => ScenarioAsync(async () =>
    {
        using var app = new AppServer(_clock);
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await app.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");

        var page = await OpenAsync(app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("anna@example.com", AppServer.Password);
        await page.GotoAsync("contacts");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(new Shell(page).NavLink("Contacts")).ToBeVisibleAsync();
        await Expect(new Shell(page).NavLink("Reports")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("reports");

        response!.Status.ShouldBe(403);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
    });

    private async Task ConversationAsync(AppServer app, string customer, AppUser agent, TimeSpan answeredAfter)
    {
        var chat = app.Services.GetRequiredService<WebChatService>();
        var (_, visitor) = await chat.StartAsync(await app.WebChatKeyAsync(), customer, null, null);
        var (message, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Hallo?");
        _clock.Advance(answeredAfter);
        var asAgent = app.MemberFor(agent.Id);
        var outcome = await app.Services.GetRequiredService<ConversationService>()
            .ReplyAsync(asAgent, conversationId, "Guten Tag!", Guid.NewGuid().ToString("N"), message.Id, sendAnyway: false);
        outcome.Sent.ShouldBeTrue();
    }

    private static async Task<string[]> DownloadAsync(IPage page, string item)
    {
        await page.GetByTestId("report-export").Locator("button").First.ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(item).ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
