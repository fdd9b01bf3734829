using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Templates;
using Bunit;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Components.Templates;

public sealed class TemplatesPageTests : GraphComponentTest
{
    /// <summary>Connects a number as the owner and stores three templates as a sync would; returns the owner.</summary>
    private async Task<Web.Data.AppUser> OwnerWithTemplatesAsync()
    {
        var owner = await SignInAsync();
        var inboxId = await ConnectNumberAsync();
        await using var db = Database.CreateDbContext();
        db.MessageTemplates.AddRange(
            MessageTemplate.Create(inboxId, "order_ready", "de", TemplateCategory.Utility, "APPROVED", "Hallo {{1}}, Ihre Bestellung {{2}} ist abholbereit.", Database.Clock.GetUtcNow()),
            MessageTemplate.Create(inboxId, "spring_sale", "de", TemplateCategory.Marketing, "REJECTED", "20 % auf alles", Database.Clock.GetUtcNow()),
            MessageTemplate.Create(inboxId, "login_code", "en_US", TemplateCategory.Authentication, "PAUSED", "Your code is {{1}}.", Database.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return owner;
    }

    private static List<string> Names(IRenderedComponent<TemplatesPage> page) =>
        page.FindAll("tbody tr strong").Select(s => s.TextContent).ToList();

    [Theory]
    [InlineData(TeamRole.Agent, false)]
    [InlineData(TeamRole.Manager, true)]
    [InlineData(TeamRole.Owner, true)]
    public async Task SyncButton_IsOfferedToManagersAndOwnersOnly(TeamRole role, bool offered)
    {
        var owner = await OwnerWithTemplatesAsync();
        if (role != TeamRole.Owner)
        {
            SignIn(await AddMemberAsync(owner, role, "member@example.com", "Mia Member"), role);
        }

        var page = Render<TemplatesPage>();

        page.FindAll("button").Any(b => b.TextContent.Trim() == "Sync now").ShouldBe(offered);
        Names(page).Count.ShouldBe(3);
    }

    [Fact]
    public async Task WithoutAWhatsAppNumber_SaysWhoConnectsOne()
    {
        await SignInAsync(TeamRole.Agent, "Anna Agent");

        var page = Render<TemplatesPage>();

        page.Find(".mud-alert").TextContent.ShouldContain("The owner connects one under Settings > Channels.");
        page.FindAll("table").ShouldBeEmpty();
    }

    [Fact]
    public async Task Preview_MarksTheParameters()
    {
        await OwnerWithTemplatesAsync();

        var page = Render<TemplatesPage>();

        var row = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("order_ready"));
        row.QuerySelectorAll("mark.bi-template-parameter").Select(m => m.TextContent).ShouldBe(["{{1}}", "{{2}}"]);
        row.QuerySelector(".bi-template-body")!.TextContent.ShouldBe("Hallo {{1}}, Ihre Bestellung {{2}} ist abholbereit.");
    }

    [Theory]
    [InlineData("Status", "Rejected", new[] { "spring_sale" })]
    [InlineData("Category", "Authentication", new[] { "login_code" })]
    public async Task Filters_ShowOnlyTheChosenTemplates(string filter, string choice, string[] shown)
    {
        await OwnerWithTemplatesAsync();
        var hosts = Hosts.Render(this);
        var page = Render<TemplatesPage>();

        page.Field(filter).MouseDown();
        hosts.Pick(choice);

        page.WaitForAssertion(() => Names(page).ShouldBe(shown));
    }

    [Fact]
    public async Task ManyTemplates_ArePagedInTheTable()
    {
        await OwnerWithTemplatesAsync();
        await using (var db = Database.CreateDbContext())
        {
            var inboxId = db.MessageTemplates.Select(t => t.InboxId).First();
            db.MessageTemplates.AddRange(Enumerable.Range(1, 27).Select(i =>
                MessageTemplate.Create(inboxId, $"notice_{i:00}", "de", TemplateCategory.Utility, "APPROVED", $"Hinweis {i}", Database.Clock.GetUtcNow())));
            await db.SaveChangesAsync();
        }

        var page = Render<TemplatesPage>();

        page.WaitForAssertion(() => Names(page).Count.ShouldBe(25));
        page.Markup.ShouldContain("1-25 of 30");
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Names(page).Count.ShouldBe(5));
    }

    [Fact]
    public async Task SyncNow_FetchesFromWhatsApp_AndSaysWhatChanged()
    {
        await OwnerWithTemplatesAsync();
        Graph.AddTemplate("order_ready", "de", "UTILITY", "APPROVED", "Hallo {{1}}, abholbereit.", "Passt");
        var hosts = Hosts.Render(this);
        var page = Render<TemplatesPage>();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Sync now").Click();

        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Templates synced: 0 added, 1 updated, 2 removed."), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Names(page).ShouldBe(["order_ready"]));
        page.Find("[aria-label=Buttons]").TextContent.ShouldContain("Passt");
    }
}
