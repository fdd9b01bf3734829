using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;
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
    public Task TwoAgents_AndACustomerOnTheWidget_SeeEachOthersWork_Live() => ScenarioAsync(async () =>
    {
        var anna = await SignedInAsync("anna@example.com", "anna");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var annaInbox = new InboxPage(anna);
        var benInbox = new InboxPage(ben);
        await annaInbox.GotoAsync();
        await benInbox.GotoAsync();
        await annaInbox.Tab("Unassigned").ClickAsync();
        await benInbox.Tab("Unassigned").ClickAsync();

        var customer = new CustomerChat(await OpenAsync(App.BaseUrl, "customer"));
        await customer.GotoAsync(await App.WebChatKeyAsync());
        await Expect(customer.Title).ToHaveTextAsync("Fahrradladen Nord");
        await customer.StartAsync("Clara Kundin", "Hallo, wo bleibt meine Bestellung?");

        await Expect(ben).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(\d+\) Inbox"));
        var row = annaInbox.Rows.Filter(new() { HasText = "Clara Kundin" });
        await Expect(row).ToContainTextAsync("Hallo, wo bleibt meine Bestellung?");
        await Expect(benInbox.Rows.Filter(new() { HasText = "Clara Kundin" })).ToBeVisibleAsync();
        var id = long.Parse(await row.GetAttributeAsync("data-conversation") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await annaInbox.OpenAsync(id);
        await benInbox.OpenAsync(id);
        await Expect(annaInbox.Presence).ToContainTextAsync("Ben Agent is viewing");
        await annaInbox.AssignToMeAsync();
        await Expect(benInbox.Activity("Anna Agent self-assigned this conversation")).ToBeVisibleAsync();
        await Expect(benInbox.Assignee).ToContainTextAsync("Anna Agent");

        await annaInbox.Composer.PressSequentiallyAsync("Einen Moment");
        await Expect(benInbox.Presence).ToContainTextAsync("Anna Agent is typing");
        await Expect(customer.Typing).ToContainTextAsync("Anna Agent is typing");
        await annaInbox.Composer.FillAsync("Ihre Bestellung ist unterwegs.");
        await annaInbox.Composer.PressAsync("Enter");
        await Expect(customer.Thread).ToContainTextAsync("Ihre Bestellung ist unterwegs.");
        await Expect(benInbox.Message("Ihre Bestellung ist unterwegs.")).ToBeVisibleAsync();
        // The customer has it on screen: both agents see the reply as read.
        await Expect(annaInbox.Message("Ihre Bestellung ist unterwegs.").Locator(".bi-delivery--read")).ToBeVisibleAsync();
        await Expect(benInbox.Message("Ihre Bestellung ist unterwegs.").Locator(".bi-delivery--read")).ToBeVisibleAsync();
        await Expect(annaInbox.Composer).ToHaveValueAsync(string.Empty);

        await benInbox.AddNoteAsync("Kundin hat schon zweimal gefragt");
        await Expect(annaInbox.Message("Kundin hat schon zweimal gefragt")).ToContainTextAsync("Private note");

        await annaInbox.ResolveAsync();
        await Expect(benInbox.Status).ToHaveTextAsync("Resolved");

        await customer.SendAsync("Noch eine Frage!");
        await Expect(annaInbox.Status).ToHaveTextAsync("Open");
        await Expect(benInbox.Status).ToHaveTextAsync("Open");
        await Expect(benInbox.Activity("Reopened by a new customer message")).ToBeVisibleAsync();
        await Expect(annaInbox.Message("Noch eine Frage!")).ToBeVisibleAsync();

        await customer.Composer.PressSequentiallyAsync("Und dann");
        await Expect(annaInbox.Presence).ToContainTextAsync("Clara Kundin is typing");

        // The private note never reached the customer, neither on screen nor through the hub.
        await Expect(customer.Thread).ToContainTextAsync("Noch eine Frage!");
        await Expect(customer.Thread).Not.ToContainTextAsync("zweimal gefragt");
        await Expect(customer.Thread).Not.ToContainTextAsync("self-assigned");
    });

    [Fact]
    public Task MessageText_IsShownAsText_NeverAsHtml() => ScenarioAsync(async () =>
    {
        const string hostile = "<img src=x onerror=\"window.pwned=1\"><b>fett</b>";
        var customer = new CustomerChat(await OpenAsync(App.BaseUrl, "customer"));
        await customer.GotoAsync(await App.WebChatKeyAsync());
        await customer.StartAsync("Mallory", hostile);

        var agent = await SignedInAsync("ben@example.com", "ben");
        var inbox = new InboxPage(agent);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await inbox.Rows.Filter(new() { HasText = "Mallory" }).ClickAsync();
        await Expect(inbox.Message("<b>fett</b>")).ToBeVisibleAsync();
        (await agent.EvaluateAsync<bool>("() => window.pwned === 1")).ShouldBeFalse();
        (await agent.Locator(".bi-thread b, .bi-thread img").CountAsync()).ShouldBe(0);

        await inbox.ReplyAsync("<i>kursiv</i>");
        await Expect(customer.Thread).ToContainTextAsync("<i>kursiv</i>");
        (await customer.Thread.Locator("i, img, b").CountAsync()).ShouldBe(0);
    });

    [Fact]
    public Task Customer_TooLongOrTooFastMessages_AreRefusedVisibly_AndNothingIsLost() => ScenarioAsync(async () =>
    {
        var page = await OpenAsync(App.BaseUrl, "customer");
        var customer = new CustomerChat(page);
        await customer.GotoAsync(await App.WebChatKeyAsync());
        await customer.StartAsync("Paula Schnell", "Erste Nachricht");

        await customer.Composer.FillAsync(new string('x', 4097));
        await customer.Composer.PressAsync("Enter");
        await Expect(customer.ComposerError).ToContainTextAsync("too long");
        (await customer.Composer.InputValueAsync()).Length.ShouldBe(4097);

        for (var i = 1; i <= 10; i++)
        {
            await customer.SendAsync($"Schnell {i}");
        }

        // The server lets 8 messages through per 10 seconds; the rest wait in the page and are sent afterwards, in order.
        var last = customer.Thread.Locator(".msg").Filter(new() { Has = page.Locator(".msg-text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Schnell 10$") }) });
        await Expect(last.Locator(".msg-status")).ToHaveTextAsync("Sent", new() { Timeout = 30_000 });

        var visitorMessages = await App.MessagesOfContactAsync("Paula Schnell");
        visitorMessages.ShouldBe(["Erste Nachricht", .. Enumerable.Range(1, 10).Select(i => $"Schnell {i}")], ignoreOrder: false);
    });

    [Fact]
    public Task ReplyingAfterATeammate_AsksFirst_AndSendsOnlyWhenConfirmed() => ScenarioAsync(async () =>
    {
        var (_, id) = await CustomerWritesAsync("Dora Doppelt", "Ist mein Paket schon los?");
        var anna = await SignedInAsync("anna@example.com", "anna");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var annaInbox = new InboxPage(anna);
        var benInbox = new InboxPage(ben);
        await annaInbox.GotoAsync(id);
        await benInbox.GotoAsync(id);

        await benInbox.Composer.FillAsync("Ich schaue nach.");
        await annaInbox.ReplyAsync("Ja, heute verschickt.");
        await Expect(benInbox.Message("Ja, heute verschickt.")).ToBeVisibleAsync();

        await benInbox.Composer.PressAsync("Enter");
        var dialog = ben.GetByText("Anna Agent replied at");
        await Expect(dialog).ToBeVisibleAsync();
        await ben.GetByRole(AriaRole.Button, new() { Name = "Review first" }).ClickAsync();
        await Expect(benInbox.Composer).ToHaveValueAsync("Ich schaue nach.");
        await Expect(benInbox.Message("Ich schaue nach.")).ToHaveCountAsync(0);

        await benInbox.Composer.FillAsync("Ergänzung: Sendungsnummer folgt per E-Mail.");
        await benInbox.Composer.PressAsync("Enter");
        await Expect(annaInbox.Message("Ergänzung: Sendungsnummer folgt per E-Mail.")).ToBeVisibleAsync();
        await Expect(benInbox.Composer).ToHaveValueAsync(string.Empty);
    });

    [Fact]
    public Task KeyboardShortcuts_MoveAssignAndResolve() => ScenarioAsync(async () =>
    {
        var (_, id) = await CustomerWritesAsync("Kira Tastatur", "Frage zu meiner Rechnung");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var inbox = new InboxPage(ben);
        await inbox.GotoAsync();
        await inbox.Tab("Unassigned").ClickAsync();
        await Expect(inbox.Row(id)).ToBeVisibleAsync();
        await inbox.Row(id).FocusAsync();
        await ben.Locator("body").FocusAsync();

        await ben.Keyboard.PressAsync("?");
        await Expect(ben.GetByText("Next conversation")).ToBeVisibleAsync();
        await ben.Keyboard.PressAsync("Escape");

        await inbox.OpenAsync(id);
        await ben.Locator("body").ClickAsync(new() { Position = new() { X = 700, Y = 400 } });
        await ben.Keyboard.PressAsync("a");
        await Expect(inbox.Activity("Ben Agent self-assigned this conversation")).ToBeVisibleAsync();
        await ben.Keyboard.PressAsync("e");
        await Expect(inbox.Status).ToHaveTextAsync("Resolved");
        await ben.Keyboard.PressAsync("r");
        await Expect(inbox.Composer).ToBeFocusedAsync();
    });

    [Fact]
    public Task APageChange_MovesFocusToTheHeading_ButNeverOutOfTheBoxTheAgentTypesIn() => ScenarioAsync(async () =>
    {
        var (_, id) = await CustomerWritesAsync("Fiona Fokus", "Ist noch jemand da?");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var inbox = new InboxPage(ben);
        await inbox.GotoAsync(id);

        // The first live render of a page comes a round trip after the page shows; the agent may already be typing.
        await inbox.Composer.PressSequentiallyAsync("Ja");
        await ben.EvaluateAsync("() => bizInbox.focusHeading('h1')");
        await Expect(inbox.Composer).ToBeFocusedAsync();
        await ben.Keyboard.TypeAsync(", ich bin hier");
        await Expect(inbox.Composer).ToHaveValueAsync("Ja, ich bin hier");

        // From anywhere else (a link just clicked, the page itself) the heading takes focus so a screen reader reads it.
        await inbox.Tab("All").FocusAsync();
        await ben.EvaluateAsync("() => bizInbox.focusHeading('h1')");
        await Expect(ben.Locator("h1")).ToBeFocusedAsync();
    });

    [Fact]
    public Task MentionedTeammate_IsToldLive_AndTheMentionClearsWhenTheyOpenTheConversation() => ScenarioAsync(async () =>
    {
        var (_, id) = await CustomerWritesAsync("Emil Erwähnt", "Kann mir jemand mit der Garantie helfen?");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var benInbox = new InboxPage(ben);
        await benInbox.GotoAsync();
        var anna = await SignedInAsync("anna@example.com", "anna");
        var annaInbox = new InboxPage(anna);
        await annaInbox.GotoAsync(id);

        await annaInbox.AddNoteAsync("@Ben Agent kennst du dich mit Garantiefällen aus?");

        await Expect(ben.GetByText($"Anna Agent mentioned you in #{id}").First).ToBeVisibleAsync();
        await Expect(ben.Locator("[data-testid=mention-count]")).ToHaveTextAsync("1");
        await ben.GetByRole(AriaRole.Button, new() { Name = "Mentions" }).ClickAsync();
        await benInbox.Mention("Garantiefällen").ClickAsync();
        await Expect(benInbox.Message("kennst du dich mit Garantiefällen aus?")).ToBeVisibleAsync();
        await Expect(ben.Locator("[data-testid=mention-count]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task AfterADroppedConnection_TheAgentMissesNothing() => ScenarioAsync(async () =>
    {
        var (visitor, id) = await CustomerWritesAsync("Rita Reconnect", "Erste Frage");
        var ben = await SignedInAsync("ben@example.com", "ben");
        var inbox = new InboxPage(ben);
        await inbox.GotoAsync(id);
        await Expect(inbox.Message("Erste Frage")).ToBeVisibleAsync();

        var reconnected = ben.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("WebSocket connected", StringComparison.Ordinal), Timeout = BrowserFixture.ConnectTimeout });
        await ben.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await CustomerWritesAsync("Rita Reconnect", "Geschrieben, während die Verbindung weg war", visitor);
        await reconnected;

        await Expect(inbox.Message("Geschrieben, während die Verbindung weg war")).ToBeVisibleAsync();
        await inbox.Tab("All").ClickAsync();
        await Expect(inbox.Row(id)).ToContainTextAsync("Geschrieben, während die Verbindung weg war");
    });

    [Fact]
    public Task OnAPhone_TheListTheThreadAndTheContactDrawer_AreAllReachable_AndNothingCoversTheComposer() => ScenarioAsync(async () =>
    {
        var (_, id) = await CustomerWritesAsync("Hanna Handy", "Geht das auch mobil?");
        var ben = await SignedInAsync("ben@example.com", "ben");
        await ben.SetViewportSizeAsync(390, 844);
        var inbox = new InboxPage(ben);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await inbox.OpenAsync(id);
        await Expect(inbox.List).ToBeHiddenAsync();
        await Expect(inbox.ContactPanel).ToBeHiddenAsync();

        await inbox.OpenContactDetailsAsync();
        await Expect(inbox.ContactPanel).ToContainTextAsync("Hanna Handy");
        await ben.GetByRole(AriaRole.Button, new() { Name = "Close contact details" }).ClickAsync();
        await Expect(inbox.ContactPanel).ToBeHiddenAsync();

        // The composer is the topmost element where it is drawn: no floating control sits on it.
        var covered = await inbox.Composer.EvaluateAsync<bool>(@"el => {
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return !(hit === el || el.contains(hit));
        }");
        covered.ShouldBeFalse();
        await ben.GetByRole(AriaRole.Link, new() { Name = "Back to the list" }).ClickAsync();
        await Expect(inbox.Row(id)).ToBeVisibleAsync();
    });
}
