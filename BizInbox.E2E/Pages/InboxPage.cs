using System.Text.RegularExpressions;

namespace BizInbox.E2E.Pages;

/// <summary>The agent's inbox: list, open conversation, composer.</summary>
public sealed class InboxPage(IPage page)
{
    public async Task GotoAsync(long? conversationId = null)
    {
        await page.GotoAsync(conversationId is { } id ? $"inbox/{id}" : "inbox");
        await new Shell(page).WaitUntilInteractiveAsync();
    }

    public ILocator Tab(string name) => page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}\\b") });

    public ILocator TabCount(string tab) => page.Locator($"[data-testid=count-{tab}]");

    public ILocator List => page.GetByRole(AriaRole.Region, new() { Name = "Conversations" });

    public ILocator Rows => List.GetByRole(AriaRole.Listitem);

    /// <summary>Shows or hides the list's filters.</summary>
    public ILocator FiltersToggle => page.GetByTestId("filters-toggle");

    public ILocator CameViaAdFilter => page.GetByRole(AriaRole.Checkbox, new() { Name = "Came via ad" });

    public ILocator Row(long conversationId) => page.Locator($"a.bi-row[data-conversation='{conversationId}']");

    public ILocator Thread => page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    public ILocator Message(string text) => Thread.Locator("article").Filter(new() { HasText = text });

    public ILocator Activity(string text) => Thread.Locator(".bi-activity").Filter(new() { HasText = text });

    public ILocator Status => page.Locator("[data-testid=status]");

    public ILocator Presence => page.Locator(".bi-presence");

    public ILocator Composer => page.Locator("[data-shortcut=composer]");

    /// <summary>The assignee menu's button; its text is the assignee's name.</summary>
    public ILocator Assignee => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Assignee: ") });

    public ILocator ContactPanel => page.GetByRole(AriaRole.Complementary, new() { Name = "Contact" });

    /// <summary>On a narrow screen the contact panel is a drawer opened from the header.</summary>
    public Task OpenContactDetailsAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Contact details" }).ClickAsync();

    public ILocator Mention(string text) => page.Locator(".bi-bell-item").Filter(new() { HasText = text });

    public async Task OpenAsync(long conversationId)
    {
        await Row(conversationId).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/inbox/{conversationId}$"));
    }

    public Task AssignToMeAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();

    public Task ResolveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();

    public async Task ReplyAsync(string text)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = "Reply" }).ClickAsync();
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    public async Task AddNoteAsync(string text)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = "Private note" }).ClickAsync();
        await Composer.FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
    }
}
