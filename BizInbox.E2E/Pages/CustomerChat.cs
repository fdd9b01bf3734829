namespace BizInbox.E2E.Pages;

/// <summary>The customer's side: the public web chat page (the same page the embeddable widget opens).</summary>
public sealed class CustomerChat(IPage page)
{
    public Task GotoAsync(string inboxKey) => page.GotoAsync($"chat?inbox={inboxKey}&lang=en");

    public ILocator Thread => page.Locator("#thread");

    public ILocator Typing => page.Locator("#typing-text");

    public ILocator Title => page.Locator("#title");

    public ILocator Composer => page.Locator("#composer-input");

    public ILocator ComposerError => page.Locator("#composer-error");

    public async Task StartAsync(string name, string firstMessage)
    {
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Your message" }).FillAsync(firstMessage);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(Composer).ToBeVisibleAsync();
    }

    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }
}
