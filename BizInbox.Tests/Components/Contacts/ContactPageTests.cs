using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using Bunit;
using MudBlazor;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactPageTests : InboxComponentTest
{
    private long _conversationId;

    private async Task<(Guid Id, IRenderedComponent<ContactPage> Page)> OpenAsync()
    {
        await SignInAsync(TeamRole.Agent, "Ben Agent");
        _conversationId = await CustomerWritesAsync("Clara Kundin", "Is the cake ready?", phone: "+49 171 2345678");
        var id = (await HeaderAsync(_conversationId)).ContactId;
        var page = Render<ContactPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement("[data-testid=contact-form]");
        return (id, page);
    }

    private async Task<Contact> StoredAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task ARefusedEmail_IsExplainedNextToTheField_AndEverythingTypedStays()
    {
        var (id, page) = await OpenAsync();

        page.Input("Email").Change("not-an-email");
        page.Input("Company").Change("Kuchen AG");
        page.Find("[data-testid=contact-form]").Submit();

        page.WaitForAssertion(() => page.ErrorOf("Email").ShouldBe("The email address is not valid."));
        page.ErrorOf("Company").ShouldBeNull();
        page.Input("Email").GetAttribute("value").ShouldBe("not-an-email");
        page.Input("Company").GetAttribute("value").ShouldBe("Kuchen AG");
        (await StoredAsync(id)).Company.ShouldBeNull();
    }

    [Fact]
    public async Task SavingTheCompany_ChangesTheRecord()
    {
        var (id, page) = await OpenAsync();

        page.Input("Company").Change("Kuchen AG");
        page.Find("[data-testid=contact-form]").Submit();

        page.WaitForAssertion(() => StoredAsync(id).Result.Company.ShouldBe("Kuchen AG"));
        (await StoredAsync(id)).Phone.ShouldBe("+491712345678");
    }

    [Fact]
    public async Task AddingANote_ShowsItWithItsAuthor_AndAnEmptyOneIsRefused()
    {
        var (_, page) = await OpenAsync();
        page.Find("[data-testid=notes-empty]");

        page.Input("New note").Change("Wants the cake on Friday.");
        page.Find("form[aria-label='Add a note']").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=note]").TextContent.ShouldContain("Wants the cake on Friday."));
        page.Find("[data-testid=note]").TextContent.ShouldContain("Ben Agent");
        page.FindAll("[data-testid=notes-empty]").ShouldBeEmpty();

        page.Find("form[aria-label='Add a note']").Submit();
        page.WaitForAssertion(() => page.ErrorOf("New note").ShouldBe("Please write a note."));
    }

    [Fact]
    public async Task TheTimeline_OpensEachConversationInTheInbox()
    {
        var (_, page) = await OpenAsync();

        var item = page.WaitForElement("[data-testid=timeline-item]");

        item.GetAttribute("href").ShouldBe($"inbox/{_conversationId}");
        item.TextContent.ShouldContain("Is the cake ready?");
        item.TextContent.ShouldContain("Open");
    }

    [Fact]
    public async Task SendAWhatsAppMessage_OpensTheNewConversationDialog_ForThisContact()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var (_, page) = await OpenAsync();

        var button = page.Find("[data-testid=new-conversation]");
        button.TextContent.Trim().ShouldBe("Send a WhatsApp message"); // the text it has only when given the contact
        button.ClassList.ShouldContain("mud-button-outlined");
        button.Click();

        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog-title").TextContent.ShouldContain("New WhatsApp conversation"));
    }
}
