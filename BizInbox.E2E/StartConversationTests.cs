using BizInbox.Domain.Channels;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent writes first on WhatsApp: a typed number, an approved template, and the new conversation opens.</summary>
[Collection(BrowserGroup.Name)]
public sealed class StartConversationTests : BrowserTest, IDisposable
{
    private readonly ShiftableClock _clock = new();
    private readonly AppServer _app;

    public StartConversationTests(BrowserFixture browser) : base(browser) => _app = new AppServer(_clock);

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Agent_WritesToATypedNumber_WithATemplate_AndTheConversationOpens() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var inboxId = await WhatsAppSetup.ConnectAsync(_app, await _app.CompleteSetupAsync("olga@example.com"), graph);
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync())
        {
            db.MessageTemplates.Add(MessageTemplate.Create(inboxId, "termin_erinnerung", "de", TemplateCategory.Utility, "APPROVED",
                "Hallo {{1}}, Ihr Rad ist zur Inspektion fällig.", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();

        await page.GetByTestId("new-conversation").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("To").First.FillAsync("0171 2345678");
        await page.GetByRole(AriaRole.Option, new() { Name = "New contact with the number 0171 2345678" }).ClickAsync();
        await dialog.Locator(".bi-template-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "termin_erinnerung (de)" }).ClickAsync();
        await dialog.GetByLabel("Parameter 1").FillAsync("Jonas");
        await Expect(dialog.Locator("[data-role=template-preview]")).ToContainTextAsync("Hallo Jonas, Ihr Rad ist zur Inspektion fällig.");
        await dialog.GetByTestId("start-send").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox/\\d+$"));
        await Expect(inbox.Message("Hallo Jonas, Ihr Rad ist zur Inspektion fällig.")).ToBeVisibleAsync();
        var sent = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "template");
        sent.Json.GetProperty("to").GetString().ShouldBe("491712345678");
        await Expect(inbox.Rows.Filter(new() { HasText = "171 2345678" })).ToHaveCountAsync(1);
    });
}
