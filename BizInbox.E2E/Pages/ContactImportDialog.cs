namespace BizInbox.E2E.Pages;

/// <summary>The contact list's import dialog.</summary>
public sealed class ContactImportDialog(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public ILocator Errors => Dialog.Locator("[data-testid=import-errors] li");

    public ILocator Button(string name) => Dialog.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task OpenAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

    public async Task UploadAsync(string fileName, byte[] content) =>
        await Dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
}
