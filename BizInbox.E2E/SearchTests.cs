using System.Text.RegularExpressions;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WebChat;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent finds a customer by the name's other spelling from the app bar, by keyboard, and opens the conversation in place.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SearchTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private readonly AppServer _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Mueller_FindsMueller_AndOpensTheConversation() => ScenarioAsync(async () =>
    {
        await _app.CompleteSetupAsync("olga@example.com");
        var chat = _app.Services.GetRequiredService<WebChatService>();
        var (_, visitor) = await chat.StartAsync(await _app.WebChatKeyAsync(), "Jürgen Müller", null, null);
        var (_, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Wo ist mein Paket?");
        var (_, other) = await chat.StartAsync(await _app.WebChatKeyAsync(), "Anna Schmidt", null, null);
        await chat.SendAsync(other, Guid.NewGuid().ToString("N"), "Hallo");
        var page = await OpenAsync(_app.BaseUrl, "olga");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.Keyboard.PressAsync("/");
        var box = page.Locator("[data-shortcut=search] input");
        await Expect(box).ToBeFocusedAsync();
        await box.PressSequentiallyAsync("Mueller");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=Mueller$"));
        var hits = page.Locator("[data-testid=search-result-conversation]");
        await Expect(hits).ToHaveCountAsync(1);
        await Expect(hits.Locator("mark")).ToHaveTextAsync("Müller");
        await hits.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/inbox/{conversationId}$"));
        await Expect(new InboxPage(page).Message("Wo ist mein Paket?")).ToBeVisibleAsync();
    });
}
