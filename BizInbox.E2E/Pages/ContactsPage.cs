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

    /// <summary>The contact's labels on the contact page (or in the inbox's panel).</summary>
    public ILocator ContactLabels => page.Locator("[data-testid=contact-labels]");

    public async Task AddLabelAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact label" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = name }).ClickAsync();
    }

    public async Task FilterByLabelAsync(string name)
    {
        await page.Locator("[data-testid=label-filter]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = name, Exact = true }).ClickAsync();
    }
}
