namespace BizInbox.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task SignInAsync(string email, string password)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("account/login");
        }

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
