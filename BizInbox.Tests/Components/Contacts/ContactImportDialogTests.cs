using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Contacts.Import;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Extensions;

namespace BizInbox.Tests.Components.Contacts;

/// <summary>The contact list's import (upload, columns, check, preview, progress) and export, as a manager uses them.</summary>
public sealed class ContactImportDialogTests : InboxComponentTest
{
    private const string File = "Name,Telefon,E-Mail\nAnna Müller,0171 2345678,anna@example.com\nBen Becker,12,ben@example.com\n";

    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<ContactsPage> RenderPage()
    {
        _dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        return Render<ContactsPage>();
    }

    private static void Click<T>(IRenderedComponent<T> rendered, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        rendered.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    private async Task<List<Contact>> ContactsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().OrderBy(c => c.SearchName).ToListAsync();
    }

    [Fact]
    public async Task Agents_SeeNeitherImportNorExport()
    {
        await SignInAsync(TeamRole.Agent, "Ben Agent");

        var page = RenderPage();

        page.WaitForAssertion(() => page.Find("h1").TextContent.ShouldBe("Contacts"));
        page.FindAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Import");
        page.FindAll("[data-testid=contacts-export]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_FollowsTheListsFilter()
    {
        await SignInAsync(TeamRole.Manager, "Mia Manager");
        var page = RenderPage();

        page.Find("input[aria-label='Search contacts']").Input("Müller");

        page.WaitForAssertion(() => page.Find("[data-testid=contacts-export]").GetAttribute("href")
            .ShouldBe("contacts/export.csv?sort=LastActivity&descending=True&search=M%C3%BCller"), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=contacts-export]").HasAttribute("download").ShouldBeTrue();
    }

    [Fact]
    public async Task Import_ShowsEveryBadRow_ImportsNothing_ThenImportsWhatTheMemberMapped()
    {
        await SignInAsync(TeamRole.Manager, "Mia Manager");
        await CustomerWritesAsync("Anna Müller", "Hallo");
        await using (var db = Database.CreateDbContext())
        {
            (await db.Contacts.SingleAsync()).UpdateRecord("Anna Müller", "anna@example.com", null, null, null);
            await db.SaveChangesAsync();
        }

        var page = RenderPage();
        Click(page, "Import");
        _dialogs.WaitForAssertion(() => _dialogs.FindComponent<InputFile>());
        _dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File, "kunden.csv"));

        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=import-mapping]").TextContent.ShouldContain("Anna Müller"));
        _dialogs.Markup.ShouldContain("2 rows found.");
        var selects = _dialogs.FindComponents<MudSelect<ContactColumn>>();
        selects.Select(s => s.Instance.GetState(x => x.Value)).ShouldBe([ContactColumn.Name, ContactColumn.Phone, ContactColumn.Email]);
        Click(_dialogs, "Check all rows");

        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=import-errors]").TextContent.ShouldBe("Row 3: the phone number is not valid."));
        _dialogs.FindAll("button").Select(b => b.TextContent.Trim()).ShouldNotContain("Import 2 rows");
        (await ContactsAsync()).Count.ShouldBe(1);

        Click(_dialogs, "Back to the columns");
        var phone = _dialogs.FindComponents<MudSelect<ContactColumn>>()[1];
        await phone.InvokeAsync(() => phone.Instance.ValueChanged.InvokeAsync(ContactColumn.Ignore));
        Click(_dialogs, "Check all rows");

        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=import-summary]").TextContent.ShouldStartWith("1 new contacts, 1 updates"));
        _dialogs.FindAll("[data-testid=import-preview] tbody tr").Select(r => r.Children[^1].TextContent).ShouldBe(["updates Anna Müller", "new"]);
        Click(_dialogs, "Import 2 rows");

        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=import-done]").TextContent.ShouldContain("Imported: 1 new contacts, 1 updated."));
        (await ContactsAsync()).Select(c => (c.Name, c.Email, c.Phone)).ShouldBe([
            ("Anna Müller", "anna@example.com", null), ("Ben Becker", "ben@example.com", null),
        ]);
        Click(_dialogs, "Close");
        page.WaitForAssertion(() => page.FindAll("tbody tr a").Select(a => a.TextContent.Trim()).Order().ShouldBe(["Anna Müller", "Ben Becker"]));
    }
}
