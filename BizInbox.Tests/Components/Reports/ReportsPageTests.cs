using BizInbox.Domain.Team;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BizInbox.Tests.Components.Reports;

/// <summary>
/// The reports page on a small seeded day (the test clock starts on Saturday 14 March 2026, 10:26 Berlin; the business
/// has no hours set, so it counts as always open).
/// </summary>
public sealed class ReportsPageTests : ComponentTest
{
    private AppUser _anna = default!;
    private AppUser _ben = default!;
    private int _vip;

    /// <summary>Two conversations: Anna answers the first in 2 minutes, Ben the second in 10; the second carries "vip".</summary>
    private async Task SeedAsync()
    {
        await SignInAsync(TeamRole.Manager, "Max Manager");
        await using (var db = Database.CreateDbContext())
        {
            var olga = await db.Users.SingleAsync(u => u.Email == "olga@example.com");
            _anna = await AddMemberAsync(olga, TeamRole.Agent, "anna@example.com", "Anna Agent");
            _ben = await AddMemberAsync(olga, TeamRole.Agent, "ben@example.com", "Ben Agent");
            var vip = global::BizInbox.Domain.Labels.Label.Create("vip", "#8e24aa");
            db.Labels.Add(vip);
            await db.SaveChangesAsync();
            _vip = vip.Id;
        }

        await ConversationAsync("Carla", _anna, TimeSpan.FromMinutes(2));
        var second = await ConversationAsync("Dora", _ben, TimeSpan.FromMinutes(10));
        await Get<ConversationService>().AddLabelAsync(As(_ben), second, _vip);
    }

    private async Task<long> ConversationAsync(string customer, AppUser agent, TimeSpan after)
    {
        var chat = Get<WebChatService>();
        await using var db = Database.CreateDbContext();
        var inbox = await db.Inboxes.AsNoTracking().OrderBy(i => i.Id).FirstAsync();
        var (_, visitor) = await chat.StartAsync(inbox.PublicKey, customer, null, null);
        var (_, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Hello?");
        Database.Clock.Advance(after);
        var latest = await db.Messages.Where(m => m.ConversationId == conversationId).MaxAsync(m => m.Id);
        (await Get<ConversationService>().ReplyAsync(As(agent), conversationId, "Hi!", Guid.NewGuid().ToString("N"), latest, sendAnyway: false)).Sent.ShouldBeTrue();
        return conversationId;
    }

    private static string Text(IRenderedComponent<ReportsPage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task A_manager_sees_the_medians_counts_and_a_row_per_agent()
    {
        await SeedAsync();
        RenderProviders();

        var page = Render<ReportsPage>();

        await page.WaitForAssertionAsync(() => Text(page, "median-FirstResponse").ShouldBe("6 min 0 s"));
        Text(page, "count-FirstResponse").ShouldBe("2");
        Text(page, "p90-FirstResponse").ShouldBe("9 min 12 s");
        Text(page, "within-FirstResponse").ShouldBe("50%");
        Text(page, "total-Opened").ShouldBe("2");
        page.Find($"[data-testid=agent-row-{_anna.Id}]").TextContent.ShouldContain("Anna Agent");
        page.Find($"[data-testid=agent-row-{_ben.Id}]").TextContent.ShouldContain("10 min 0 s");
        page.Find("[data-testid=report-labels]").TextContent.ShouldContain("vip");
    }

    [Fact]
    public async Task Filtering_by_a_label_narrows_every_figure()
    {
        await SeedAsync();
        var hosts = Hosts.Render(this);
        var page = Render<ReportsPage>();
        await page.WaitForAssertionAsync(() => Text(page, "count-FirstResponse").ShouldBe("2"));

        page.Field("Label").QuerySelector(".mud-input-control, .mud-select-input, input")!.MouseDown();
        hosts.Pick("vip");

        await page.WaitForAssertionAsync(() => Text(page, "count-FirstResponse").ShouldBe("1"));
        Text(page, "median-FirstResponse").ShouldBe("10 min 0 s");
        page.FindAll($"[data-testid=agent-row-{_anna.Id}]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_figure_opens_the_conversations_behind_it_each_linking_to_the_inbox()
    {
        await SeedAsync();
        var hosts = Hosts.Render(this);
        var page = Render<ReportsPage>();
        await page.WaitForAssertionAsync(() => Text(page, "median-FirstResponse").ShouldBe("6 min 0 s"));

        page.Find("[data-testid=median-FirstResponse]").Click();

        await hosts.Dialogs.WaitForAssertionAsync(() => hosts.Dialogs.FindAll("[data-testid=drill-conversation]").Count.ShouldBe(2));
        hosts.Dialogs.FindAll("[data-testid=drill-time]").Select(t => t.TextContent.Trim()).ShouldBe(["10 min 0 s", "2 min 0 s"]);
        hosts.Dialogs.Find("[data-testid=drill-conversation]").GetAttribute("href").ShouldStartWith("inbox/");
    }

    [Fact]
    public async Task The_live_overview_counts_open_unassigned_and_waiting_conversations()
    {
        await SeedAsync();
        await using (var db = Database.CreateDbContext())
        {
            var inbox = await db.Inboxes.AsNoTracking().OrderBy(i => i.Id).FirstAsync();
            var (_, visitor) = await Get<WebChatService>().StartAsync(inbox.PublicKey, "Emil", null, null);
            await Get<WebChatService>().SendAsync(visitor, Guid.NewGuid().ToString("N"), "Still waiting");
        }

        var page = Render<ReportsPage>();

        await page.WaitForAssertionAsync(() => Text(page, "live-open").ShouldBe("3"));
        Text(page, "live-waiting").ShouldBe("1");
        Text(page, "live-agents").ShouldContain("Anna Agent: 0 open");
    }

    [Fact]
    public async Task The_export_links_carry_the_pages_filter()
    {
        await SeedAsync();
        var hosts = RenderProviders();
        var page = Render<ReportsPage>();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=report-export]").ShouldNotBeNull());

        page.Find("[data-testid=report-export] button").Click();

        await hosts.WaitForAssertionAsync(() => hosts.Find("[data-testid=export-conversations]").GetAttribute("href")
            .ShouldBe("reports/export/conversations.csv?from=2026-02-13&to=2026-03-14&clock=Calendar&group=Day"));
    }

    [Fact]
    public async Task Raising_a_target_recounts_the_share_within_it_and_keeps_it_for_the_business()
    {
        await SeedAsync();
        var hosts = Hosts.Render(this);
        var page = Render<ReportsPage>();
        await page.WaitForAssertionAsync(() => Text(page, "within-FirstResponse").ShouldBe("50%"));

        page.Find("[data-testid=report-targets]").Click();
        var field = await hosts.Dialogs.WaitForElementAsync("input[data-testid=target-first-response], [data-testid=target-first-response] input");
        field.GetAttribute("value").ShouldBe("5");
        field.Change("15");
        hosts.Dialogs.Find("[data-testid=targets-save]").Click();

        // Ben's 10 minutes are within 15: both first responses now count.
        await page.WaitForAssertionAsync(() => Text(page, "within-FirstResponse").ShouldBe("100%"));
        await using var db = Database.CreateDbContext();
        (await db.ReportSettings.SingleAsync()).FirstResponseTarget.ShouldBe(TimeSpan.FromMinutes(15));
    }
}
