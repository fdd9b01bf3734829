using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.Contacts.Privacy;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactPrivacySectionTests : ComponentTest
{
    private async Task<Contact> ContactAsync(string name = "Clara Kundin")
    {
        var contact = Contact.Create(name, "clara@example.com", "+491712345678", DateTimeOffset.UtcNow);
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<Contact> StoredAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private (Hosts Hosts, IRenderedComponent<ContactPrivacySection> Section) Open(Contact contact)
    {
        var hosts = Hosts.Render(this);
        var section = Render<ContactPrivacySection>(p => p.Add(s => s.ContactId, contact.Id).Add(s => s.ContactName, contact.Name));
        section.Find("[data-testid=erase-contact]").Click();
        hosts.Dialogs.WaitForElement("[data-testid=erase-what-goes]");
        return (hosts, section);
    }

    [Fact]
    public async Task TheDialog_NamesWhatGoes_AndErasesOnlyOnceTheContactsNameIsTyped()
    {
        await SignInAsync(TeamRole.Manager, "Mia Manager");
        var contact = await ContactAsync();
        var (hosts, _) = Open(contact);
        var dialog = hosts.Dialogs;
        var confirmation = $"Type \"{contact.Name}\" to confirm";

        dialog.Find("[data-testid=erase-what-goes]").TextContent.ShouldContain("phone numbers");
        dialog.Find("[data-testid=confirm-erase]").HasAttribute("disabled").ShouldBeTrue();
        dialog.Find("#erase-confirmation").Input("Clara");
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=confirm-erase]").HasAttribute("disabled").ShouldBeTrue());
        (await StoredAsync(contact.Id)).Name.ShouldBe("Clara Kundin");

        dialog.Find("label[for=erase-confirmation]").TextContent.ShouldBe(confirmation);
        dialog.Find("#erase-confirmation").Input("clara kundin");
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=confirm-erase]").HasAttribute("disabled").ShouldBeFalse());
        dialog.Find("[data-testid=confirm-erase]").Click();

        dialog.WaitForAssertion(() => StoredAsync(contact.Id).Result.Name.ShouldBe(Contact.ErasedName));
        (await StoredAsync(contact.Id)).Phone.ShouldBeNull();
        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Contact erased."));
        Services.GetRequiredService<NavigationManager>().Uri.ShouldEndWith("/contacts");
    }

    [Fact]
    public async Task CancellingTheDialog_ErasesNothing()
    {
        await SignInAsync();
        var contact = await ContactAsync();
        var (hosts, _) = Open(contact);

        hosts.Answer("Cancel");

        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.FindAll("[data-testid=erase-what-goes]").ShouldBeEmpty());
        (await StoredAsync(contact.Id)).Name.ShouldBe("Clara Kundin");
    }

    [Fact]
    public async Task AnAgent_SeesNeitherExportNorErasure()
    {
        await SignInAsync(TeamRole.Agent, "Ben Agent");
        var contact = await ContactAsync();

        var section = Render<ContactPrivacySection>(p => p.Add(s => s.ContactId, contact.Id).Add(s => s.ContactName, contact.Name));

        section.FindAll("[data-testid=contact-privacy]").ShouldBeEmpty();
    }

    [Fact]
    public async Task TheExportButton_PointsAtTheContactsZip()
    {
        await SignInAsync();
        var contact = await ContactAsync();

        var section = Render<ContactPrivacySection>(p => p.Add(s => s.ContactId, contact.Id).Add(s => s.ContactName, contact.Name));

        section.Find("[data-testid=contact-data-export]").GetAttribute("href").ShouldBe($"contacts/{contact.Id}/export.zip");
    }
}
