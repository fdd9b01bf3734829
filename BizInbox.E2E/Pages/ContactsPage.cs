namespace BizInbox.E2E.Pages;

/// <summary>The contact list and one contact's page.</summary>
public sealed class ContactsPage(IPage page)
{
    public ILocator Search => page.GetByLabel("Search contacts");

    public ILocator Grid => page.GetByRole(AriaRole.Table);

    public ILocator ContactLink(string name) => Grid.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public ILocator Details => page.GetByRole(AriaRole.Form, new() { Name = "Contact details" });

    public ILocator Notes => page.Locator("[data-testid=note]");

    public ILocator Timeline => page.Locator("[data-testid=timeline-item]");

    public async Task SaveCompanyAsync(string company)
    {
        await Details.GetByLabel("Company").FillAsync(company);
        await Details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    public async Task AddNoteAsync(string text)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a note" });
        await form.GetByLabel("New note").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
    }
}
