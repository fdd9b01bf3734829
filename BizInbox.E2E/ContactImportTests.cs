using System.Text;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An owner uploads a customer list with one bad row: the row's problem is shown and nothing is imported.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ContactImportTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public Task Owner_UploadsAFileWithOneBadRow_SeesTheRowsError_AndNothingIsImported() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        await app.CompleteSetupAsync("olga@example.com");
        var file = Encoding.UTF8.GetBytes("Vorname;Nachname;Telefon;E-Mail\r\nAnna;Müller;0171 2345678;anna@example.com\r\nBen;Becker;0171 23;ben@example.com\r\n");

        var page = await OpenAsync(app.BaseUrl, "olga");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        // Straight to the page: a click on a link before the page is interactive can be dropped by Blazor's start-up.
        await page.GotoAsync("contacts");
        await new Shell(page).WaitUntilInteractiveAsync();
        var import = new ContactImportDialog(page);
        await import.OpenAsync();
        await import.UploadAsync("kunden.csv", file);
        await Expect(import.Dialog.GetByText("2 rows found.", new() { Exact = false })).ToBeVisibleAsync();
        await import.Button("Check all rows").ClickAsync();

        await Expect(import.Errors).ToHaveTextAsync(["Row 3: the phone number is not valid."]);
        await Expect(import.Button("Import 2 rows")).ToHaveCountAsync(0);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();
        (await db.Contacts.CountAsync()).ShouldBe(0);
    });
}
