using BizInbox.E2E.Support;

namespace BizInbox.E2E.Pages;

/// <summary>The signed-in frame: navigation and the user menu.</summary>
public sealed class Shell(IPage page)
{
    public static readonly string[] AllAreas = ["Inbox", "Contacts", "Reports", "Settings", "Team", "Labels", "Business hours", "Canned replies", "Business profile", "Channels"];

    public ILocator NavLink(string name) =>
        page.Locator("#main-navigation").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public ILocator UserMenu => page.Locator(".bi-user-label");

    /// <summary>Waits for the live connection: before it, the prerendered page does not react to clicks.</summary>
    public Task WaitUntilInteractiveAsync() =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = BrowserFixture.ConnectTimeout });
}
