using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Features.WebChat;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>Two agents working one inbox at once while a customer writes.</summary>
[Collection(BrowserGroup.Name)]
public sealed class InboxTests(BrowserFixture browser, InboxTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<InboxTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public AppUser Owner { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Owner = await App.CompleteSetupAsync("olga@example.com");
            await App.AddMemberAsync(Owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
            await App.AddMemberAsync(Owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private AppServer App => seeded.App;

    private async Task<(WebChatVisitor Visitor, long ConversationId)> CustomerWritesAsync(string name, string text, WebChatVisitor? visitor = null)
    {
        var chat = App.Services.GetRequiredService<WebChatService>();
        if (visitor is null)
        {
            var key = await App.WebChatKeyAsync();
            (_, visitor) = await chat.StartAsync(key, name, null, null);
        }

        var (_, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), text);
        return (visitor, conversationId);
    }

    private async Task<IPage> SignedInAsync(string email, string person)
    {
        var page = await OpenAsync(App.BaseUrl, person);
        await new SignInPage(page).SignInAsync(email, AppServer.Password);
        await new Shell(page).WaitUntilInteractiveAsync();
        return page;
    }

    [Fact]
    public Task TwoAgents_SeeEachOthersWork_Live() => ScenarioAsync(async () =>
    {
        var anna = await SignedInAsync("anna@example.com", "anna");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var annaInbox = new InboxPage(anna);
        var benInbox = new InboxPage(ben);
        await annaInbox.GotoAsync();
        await benInbox.GotoAsync();
        await annaInbox.Tab("Unassigned").ClickAsync();
        await benInbox.Tab("Unassigned").ClickAsync();

        var (visitor, id) = await CustomerWritesAsync("Clara Kundin", "Hallo, wo bleibt meine Bestellung?");

        await Expect(annaInbox.Row(id)).ToContainTextAsync("Hallo, wo bleibt meine Bestellung?");
        await Expect(benInbox.Row(id)).ToContainTextAsync("Clara Kundin");

        await annaInbox.OpenAsync(id);
        await benInbox.OpenAsync(id);
        await Expect(annaInbox.Presence).ToContainTextAsync("Ben Agent is viewing");
        await annaInbox.AssignToMeAsync();
        await Expect(benInbox.Activity("Anna Agent self-assigned this conversation")).ToBeVisibleAsync();
        await Expect(ben.GetByRole(AriaRole.Combobox, new() { Name = "Assignee" })).ToContainTextAsync("Anna Agent");

        await annaInbox.Composer.PressSequentiallyAsync("Einen Moment");
        await Expect(benInbox.Presence).ToContainTextAsync("Anna Agent is typing");
        await annaInbox.Composer.FillAsync("Ihre Bestellung ist unterwegs.");
        await annaInbox.Composer.PressAsync("Enter");
        await Expect(benInbox.Message("Ihre Bestellung ist unterwegs.")).ToBeVisibleAsync();
        await Expect(annaInbox.Composer).ToHaveValueAsync(string.Empty);

        await benInbox.AddNoteAsync("Kundin hat schon zweimal gefragt");
        await Expect(annaInbox.Message("Kundin hat schon zweimal gefragt")).ToContainTextAsync("Private note");

        await annaInbox.ResolveAsync();
        await Expect(benInbox.Status).ToHaveTextAsync("Resolved");

        await CustomerWritesAsync("Clara Kundin", "Noch eine Frage!", visitor);
        await Expect(annaInbox.Status).ToHaveTextAsync("Open");
        await Expect(benInbox.Status).ToHaveTextAsync("Open");
        await Expect(benInbox.Activity("Reopened by a new customer message")).ToBeVisibleAsync();
        await Expect(annaInbox.Message("Noch eine Frage!")).ToBeVisibleAsync();

        var customerView = await App.Services.GetRequiredService<WebChatService>().MessagesAsync(visitor, null);
        customerView.Select(m => m.Text).ShouldBe(["Hallo, wo bleibt meine Bestellung?", "Ihre Bestellung ist unterwegs.", "Noch eine Frage!"]);
    });
}
