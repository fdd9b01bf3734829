using BizInbox.Domain.Conversations;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Channels.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// An agent types at a normal speed over a slow link (75 ms each way between browser and server): what arrives is
/// exactly what was typed, and an unsent draft survives switching conversations and reloading the page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ComposerTypingTests(BrowserFixture browser, ComposerTypingTests.SlowApp slow) : BrowserTest(browser), IClassFixture<ComposerTypingTests.SlowApp>
{
    public sealed class SlowApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public LatencyProxy Proxy { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await App.CompleteSetupAsync("olga@example.com");
            Proxy = new LatencyProxy(new Uri(App.BaseUrl), TimeSpan.FromMilliseconds(75));
        }

        public async Task DisposeAsync()
        {
            await Proxy.DisposeAsync();
            App.Dispose();
        }
    }

    // Umlauts, ß and emoji (surrogate pairs) are where a box rewritten from the server used to go wrong first.
    private static readonly string TwoHundredCharacters = Compose(
        "Your gluten-free chocolate cake is ready 🎂 Größe: groß, Füllung: Nüsse & Äpfel, Öl-frei. Grüße aus der Bäckerei 😊 ", 200);

    // 30 ms per key is the speed under test; the limit only bounds a hang. Each key is a round trip to the browser, and
    // on a 2-core machine busy with builds 200 keys took 29 s.
    private static readonly LocatorPressSequentiallyOptions Typing = new() { Delay = 30, Timeout = 120_000 };

    private AppServer App => slow.App;

    [Fact]
    public Task TypingQuickly_OverASlowLink_SendsExactlyWhatWasTyped_AsReplyAndAsNote() => ScenarioAsync(async () =>
    {
        var id = await CustomerWritesAsync("Tara Tippt", "Ist mein Kuchen fertig?");
        var (page, inbox) = await AgentAsync(id);

        await inbox.Composer.PressSequentiallyAsync(TwoHundredCharacters, Typing);
        await Expect(inbox.Composer).ToHaveValueAsync(TwoHundredCharacters);
        await inbox.Composer.PressAsync("Enter");

        await Expect(inbox.Composer).ToHaveValueAsync(string.Empty, new() { Timeout = 15_000 });
        await Expect(inbox.Thread.Locator("article[data-kind=outgoing] .bi-msg-text").Last).ToHaveTextAsync(TwoHundredCharacters);
        (await LastTextAsync(id, MessageKind.Outgoing)).ShouldBe(TwoHundredCharacters);

        var note = "Notiz: " + TwoHundredCharacters[..190].TrimEnd() + " ✓";
        await page.GetByRole(AriaRole.Radio, new() { Name = "Private note" }).ClickAsync();
        await inbox.Composer.PressSequentiallyAsync(note, Typing);
        await inbox.Composer.PressAsync("Enter");

        await Expect(inbox.Composer).ToHaveValueAsync(string.Empty, new() { Timeout = 15_000 });
        await Expect(inbox.Thread.Locator("article[data-kind=note] .bi-msg-text").Last).ToHaveTextAsync(note);
        (await LastTextAsync(id, MessageKind.Note)).ShouldBe(note);
    });

    [Fact]
    public Task ADraft_SurvivesSwitchingConversations_AndReloading() => ScenarioAsync(async () =>
    {
        var first = await CustomerWritesAsync("Dana Draft", "Erste Frage");
        var second = await CustomerWritesAsync("Emil Anders", "Zweite Frage");
        var (page, inbox) = await AgentAsync(first);
        const string draft = "Liebe Dana, Ihr Kuchen ist gleich fertig 🎂 Grüße";

        await inbox.Composer.PressSequentiallyAsync(draft, Typing);
        await inbox.Tab("All").ClickAsync();
        await inbox.OpenAsync(second);
        await Expect(inbox.Composer).ToHaveValueAsync(string.Empty);
        await inbox.OpenAsync(first);
        await Expect(inbox.Composer).ToHaveValueAsync(draft);

        await page.ReloadAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(inbox.Composer).ToHaveValueAsync(draft);

        // Without the browser's copy (another computer, or after signing out) the server still has it.
        await page.EvaluateAsync("() => localStorage.clear()");
        await page.ReloadAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(inbox.Composer).ToHaveValueAsync(draft);

        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Composer).ToHaveValueAsync(string.Empty);
        await page.ReloadAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(inbox.Message(draft)).ToBeVisibleAsync();
        await Expect(inbox.Composer).ToHaveValueAsync(string.Empty);

        // Reloaded at once, before the server's copy is saved (as when the connection drops): the browser's copy is there.
        await inbox.Composer.PressSequentiallyAsync("Nur für mich 🙂", Typing);
        await page.ReloadAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("Nur für mich 🙂");

        // A shared computer keeps no drafts after signing out.
        await page.Locator(".bi-usermenu-button").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/inbox", StringComparison.Ordinal));
        (await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('bizInbox.draft.')).length")).ShouldBe(0);
    });

    private async Task<(IPage Page, InboxPage Inbox)> AgentAsync(long conversationId)
    {
        var page = await OpenAsync(slow.Proxy.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync(conversationId);
        await Expect(inbox.Composer).ToBeEditableAsync();
        return (page, inbox);
    }

    private async Task<long> CustomerWritesAsync(string name, string text)
    {
        var chat = App.Services.GetRequiredService<WebChatService>();
        var (_, visitor) = await chat.StartAsync(await App.WebChatKeyAsync(), name, null, null);
        return (await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), text)).ConversationId;
    }

    private async Task<string?> LastTextAsync(long conversationId, MessageKind kind)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == kind)
            .OrderByDescending(m => m.Id).Select(m => m.Text).FirstOrDefaultAsync();
    }

    private static string Compose(string sentence, int length)
    {
        var text = string.Concat(Enumerable.Repeat(sentence, length / sentence.Length + 1));
        var cut = char.IsHighSurrogate(text[length - 2]) ? length - 2 : length - 1;
        return text[..cut] + "!";
    }
}
