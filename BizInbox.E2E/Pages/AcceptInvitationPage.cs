namespace BizInbox.E2E.Pages;

public sealed class AcceptInvitationPage(IPage page)
{
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task AcceptAsync(string name, string password)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }
}
