using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Channels.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent finds a customer by a number typed as they dial it, completes the record, notes something, and goes back to the chat.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ContactTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public Task Agent_SearchesOpensEditsNotesAndFollowsTheTimelineIntoTheInbox() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await app.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var chat = app.Services.GetRequiredService<WebChatService>();
        var key = await app.WebChatKeyAsync();
        var (_, clara) = await chat.StartAsync(key, "Clara Kundin", null, "+49 171 2345678");
        var (_, conversationId) = await chat.SendAsync(clara, Guid.NewGuid().ToString("N"), "Is the cake ready?");
        var (_, jonas) = await chat.StartAsync(key, "Jonas Jansen", null, "+49 30 1234567");
        await chat.SendAsync(jonas, Guid.NewGuid().ToString("N"), "Moin");

        var page = await OpenAsync(app.BaseUrl, "anna");
        await new SignInPage(page).SignInAsync("anna@example.com", AppServer.Password);
        // Straight to the page: a click on a link before the page is interactive can be dropped by Blazor's start-up.
        await page.GotoAsync("contacts");
        await new Shell(page).WaitUntilInteractiveAsync();
        var contacts = new ContactsPage(page);
        await Expect(contacts.ContactLink("Jonas Jansen")).ToBeVisibleAsync();

        await contacts.Search.FillAsync("0171 2345678");
        await Expect(contacts.ContactLink("Jonas Jansen")).ToBeHiddenAsync();
        await contacts.ContactLink("Clara Kundin").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clara Kundin", Level = 1 })).ToBeVisibleAsync();

        await contacts.SaveCompanyAsync("Kuchen AG");
        await Expect(page.GetByText("Contact saved.")).ToBeVisibleAsync();
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext())
        {
            (await db.Contacts.SingleAsync(c => c.Name == "Clara Kundin")).Company.ShouldBe("Kuchen AG");
        }

        await contacts.AddNoteAsync("Wants the cake on Friday.");
        await Expect(contacts.Notes).ToHaveCountAsync(1);
        await Expect(contacts.Notes.First).ToContainTextAsync("Anna Agent");
        await Expect(contacts.Notes.First).ToContainTextAsync("Wants the cake on Friday.");

        await contacts.Timeline.Filter(new() { HasText = "Is the cake ready?" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath($"/inbox/{conversationId}"));
        var inbox = new InboxPage(page);
        await Expect(inbox.Message("Is the cake ready?")).ToBeVisibleAsync();
    });

    [Fact]
    public Task ALabelOneAgentGivesAContact_ShowsLiveForTheOther_WhoFiltersTheListByIt() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        await app.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await app.AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext())
        {
            db.Labels.Add(BizInbox.Domain.Labels.Label.Create("VIP", "#c62828"));
            await db.SaveChangesAsync();
        }

        var chat = app.Services.GetRequiredService<WebChatService>();
        var key = await app.WebChatKeyAsync();
        var (_, clara) = await chat.StartAsync(key, "Clara Kundin", null, null);
        await chat.SendAsync(clara, Guid.NewGuid().ToString("N"), "Is the cake ready?");
        var (_, jonas) = await chat.StartAsync(key, "Jonas Jansen", null, null);
        await chat.SendAsync(jonas, Guid.NewGuid().ToString("N"), "Moin");

        var ben = await OpenAsync(app.BaseUrl, "ben");
        await new SignInPage(ben).SignInAsync("ben@example.com", AppServer.Password);
        await ben.GotoAsync($"contacts/{clara.ContactId}");
        await new Shell(ben).WaitUntilInteractiveAsync();
        var bensView = new ContactsPage(ben);
        await Expect(bensView.ContactLabels).ToBeVisibleAsync();

        var anna = await OpenAsync(app.BaseUrl, "anna");
        await new SignInPage(anna).SignInAsync("anna@example.com", AppServer.Password);
        await anna.GotoAsync($"contacts/{clara.ContactId}");
        await new Shell(anna).WaitUntilInteractiveAsync();
        var annasView = new ContactsPage(anna);
        await annasView.AddLabelAsync("VIP");
        await Expect(annasView.ContactLabels).ToContainTextAsync("VIP");

        await Expect(bensView.ContactLabels).ToContainTextAsync("VIP");
        await Expect(ben.Locator("[data-testid=activity-entry]")).ToContainTextAsync("Anna Agent added the label VIP");

        await new Shell(ben).NavLink("Contacts").ClickAsync();
        await Expect(bensView.ContactLink("Jonas Jansen")).ToBeVisibleAsync();
        await bensView.FilterByLabelAsync("VIP");
        await Expect(bensView.ContactLink("Jonas Jansen")).ToBeHiddenAsync();
        await Expect(bensView.ContactLink("Clara Kundin")).ToBeVisibleAsync();
    });

    [Fact]
    public Task AManagerMergesTwoContactsWithAChatEachInOneInbox_TheThreadHoldsBoth_AndUndoSeparatesThemAgain() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        await app.CompleteSetupAsync("olga@example.com");
        var chat = app.Services.GetRequiredService<WebChatService>();
        var key = await app.WebChatKeyAsync();
        var (_, first) = await chat.StartAsync(key, "Clara Kundin", null, "+49 171 2345678");
        var (_, firstConversation) = await chat.SendAsync(first, Guid.NewGuid().ToString("N"), "Is the cake ready?");
        var (_, second) = await chat.StartAsync(key, "Clara K.", null, "+49 171 2345678");
        var (_, secondConversation) = await chat.SendAsync(second, Guid.NewGuid().ToString("N"), "And a coffee, please");

        var page = await OpenAsync(app.BaseUrl, "olga");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await page.GotoAsync("contacts/duplicates");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(page.Locator("[data-testid=duplicate-reason]")).ToHaveTextAsync("Same phone number");
        await page.Locator("[data-testid=merge-pair]").ClickAsync();
        await Expect(page.Locator("[data-testid=merge-shared-inboxes]")).ToContainTextAsync("Both have a conversation in");
        await page.Locator("[data-testid=confirm-merge]").ClickAsync();
        await Expect(page.Locator("[data-testid=merge-row]")).ToContainTextAsync("merged into");

        long kept;
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext())
        {
            kept = (await db.Conversations.SingleAsync()).Id;
        }

        var folded = kept == firstConversation ? secondConversation : firstConversation;
        await page.GotoAsync($"inbox/{kept}");
        var inbox = new InboxPage(page);
        await Expect(inbox.Message("Is the cake ready?")).ToBeVisibleAsync();
        await Expect(inbox.Message("And a coffee, please")).ToBeVisibleAsync();

        await page.GotoAsync("contacts/duplicates");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.Locator("[data-testid=undo-merge]").ClickAsync();
        await Expect(page.Locator("[data-testid=no-merges]")).ToBeVisibleAsync();

        await page.GotoAsync($"inbox/{folded}");
        var (foldedText, keptText) = folded == firstConversation ? ("Is the cake ready?", "And a coffee, please") : ("And a coffee, please", "Is the cake ready?");
        await Expect(inbox.Message(foldedText)).ToBeVisibleAsync();
        await Expect(inbox.Message(keptText)).ToBeHiddenAsync();
        await page.GotoAsync($"inbox/{kept}");
        await Expect(inbox.Message(keptText)).ToBeVisibleAsync();
        await Expect(inbox.Message(foldedText)).ToBeHiddenAsync();
    });
}
