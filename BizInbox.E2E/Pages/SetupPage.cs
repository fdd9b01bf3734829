namespace BizInbox.E2E.Pages;

public sealed class SetupPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Set up BizInbox" });

    public async Task CreateBusinessAsync(string business, string owner, string email, string password)
    {
        await page.GetByLabel("Business name").FillAsync(business);
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
        await page.GetByLabel("Your name").FillAsync(owner);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create business" }).ClickAsync();
    }
}
