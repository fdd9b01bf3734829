namespace BizInbox.E2E.Pages;

public sealed class TeamPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("settings/team");
        await new Shell(page).WaitUntilInteractiveAsync();
    }

    public ILocator Members => page.GetByRole(AriaRole.Region, new() { Name = "Members" });

    public ILocator MemberRow(string name) => Members.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    /// <summary>Invites someone and returns the single-use link the page shows.</summary>
    public async Task<string> InviteAsync(string email)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Invite a team member" });
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = page.GetByRole(AriaRole.Textbox, new() { Name = "Invitation link" });
        await Assertions.Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invite/"));
        return await link.InputValueAsync();
    }

    public async Task DeactivateAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
    }
}
