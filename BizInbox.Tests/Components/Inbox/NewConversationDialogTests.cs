using BizInbox.Domain.Contacts;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Inbox.NewConversation;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using BizInbox.Web.Features.Contacts;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The dialog an agent starts a WhatsApp conversation with: it says what is missing instead of sending half a message.</summary>
public sealed class NewConversationDialogTests : InboxComponentTest
{
    private async Task<Recipient> ContactWithPhoneAsync()
    {
        await using var db = Database.CreateDbContext();
        var anna = Contact.Create("Anna Becker", null, "+49 151 12345678", Database.Clock.GetUtcNow());
        db.Contacts.Add(anna);
        await db.SaveChangesAsync();
        return new Recipient(anna.Id, anna.Name, anna.Phone);
    }

    private IRenderedComponent<MudDialogProvider> Open(Recipient? contact)
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        Render<NewConversationButton>(p => p.Add(b => b.Contact, contact)).Find("[data-testid=new-conversation]").Click();
        return dialogs;
    }

    [Fact]
    public async Task WithoutAWhatsAppNumber_ItSaysToConnectOneFirst()
    {
        await SignInAsync();

        var dialog = Open(await ContactWithPhoneAsync());

        dialog.WaitForAssertion(() => dialog.Find(".mud-alert").TextContent.ShouldContain("Connect a WhatsApp number first"));
        dialog.Find("[data-testid=start-send]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task FromAContact_ItWritesToThem_AndWithoutATemplate_SaysSoAndSendsNothing()
    {
        await SignInAsync();
        await Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "access-token", "app-secret", "verify-token", null, null));
        var anna = await ContactWithPhoneAsync();

        var dialog = Open(anna);
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=recipient]").TextContent.ShouldContain("Anna Becker"));
        dialog.Find("[data-testid=start-send]").Click();

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=start-error]").TextContent.ShouldContain("Choose a template first."));
        await using var db = Database.CreateDbContext();
        (await db.Conversations.CountAsync()).ShouldBe(0);
    }
}
