using BizInbox.Domain.Channels;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Contacts;
using Bunit;
using Microsoft.EntityFrameworkCore;
using ChannelInbox = BizInbox.Domain.Channels.Inbox;

namespace BizInbox.Tests.Components.Contacts;

public sealed class DuplicatesPageTests : ComponentTest
{
    private async Task<Contact> ContactAsync(string name, string? phone)
    {
        var contact = Contact.Create(name, null, phone, DateTimeOffset.UtcNow);
        await using var db = Database.CreateDbContext();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private async Task<List<string>> StoredNamesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Name).ToListAsync();
    }

    [Fact]
    public async Task APairWithTheSamePhone_IsListedWithItsReason_AndNotADuplicateRemovesItForGood()
    {
        await SignInAsync();
        await ContactAsync("Anna", "+491712345678");
        await ContactAsync("Anna Schmidt", "+49 0171 2345678");
        await ContactAsync("Bruno", "+491719999999");

        var page = Render<DuplicatesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=duplicate-reason]").TextContent.ShouldBe("Same phone number"));
        page.FindAll("[data-testid=duplicate-pair]").Count.ShouldBe(1);
        page.Find("[data-testid=dismiss-pair]").Click();
        page.WaitForElement("[data-testid=no-duplicates]");
        Render<DuplicatesPage>().WaitForElement("[data-testid=no-duplicates]");
    }

    [Fact]
    public async Task MergingWithTheOtherName_LeavesOneContactWithIt_AndUndoBringsBothBack()
    {
        await SignInAsync();
        await ContactAsync("Anna", "+491712345678");
        await ContactAsync("Anna Schmidt", "+491712345678");
        RenderProviders();
        var providers = Render<MudBlazor.MudDialogProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForElement("[data-testid=merge-pair]").Click();

        var secondName = providers.WaitForElement("[data-testid=pick-second-name]").ParentElement!.TextContent.Trim();
        providers.Find("[data-testid=pick-second-name]").Change(true);
        providers.WaitForAssertion(() => providers.FindAll("[data-testid=merge-result]")[0].TextContent.ShouldBe(secondName));
        providers.Find("[data-testid=confirm-merge]").Click();

        page.WaitForElement("[data-testid=no-duplicates]");
        (await StoredNamesAsync()).ShouldBe([secondName]);
        page.WaitForAssertion(() => page.Find("[data-testid=merge-row]").TextContent.ShouldContain("merged into"));
        page.Find("[data-testid=undo-merge]").Click();
        page.WaitForElement("[data-testid=no-merges]");
        (await StoredNamesAsync()).ShouldBe(["Anna", "Anna Schmidt"]);
        page.WaitForElement("[data-testid=duplicate-pair]");
    }

    [Fact]
    public async Task TwoContactsWithAConversationInOneInbox_TheDialogSaysTheyBecomeOne_AndTheMergeLeavesOneConversation()
    {
        await SignInAsync();
        var anna = await ContactAsync("Anna", "+491712345678");
        var annaSchmidt = await ContactAsync("Anna Schmidt", "+491712345678");
        await using (var db = Database.CreateDbContext())
        {
            var inbox = ChannelInbox.Create("Web chat", ChannelType.WebChat, DateTimeOffset.UtcNow);
            db.Inboxes.Add(inbox);
            await db.SaveChangesAsync();
            db.Conversations.AddRange(Conversation.Start(inbox.Id, anna.Id, DateTimeOffset.UtcNow),
                Conversation.Start(inbox.Id, annaSchmidt.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        RenderProviders();
        var providers = Render<MudBlazor.MudDialogProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForElement("[data-testid=merge-pair]").Click();

        providers.WaitForAssertion(() => providers.Find("[data-testid=merge-shared-inboxes]").TextContent.ShouldContain("Both have a conversation in Web chat."));
        providers.Find("[data-testid=confirm-merge]").Click();

        page.WaitForElement("[data-testid=no-duplicates]");
        await using var check = Database.CreateDbContext();
        (await check.Conversations.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task TwoContactsInDifferentInboxes_TheDialogSaysNothingAboutJoiningConversations()
    {
        await SignInAsync();
        await ContactAsync("Anna", "+491712345678");
        await ContactAsync("Anna Schmidt", "+491712345678");
        RenderProviders();
        var providers = Render<MudBlazor.MudDialogProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForElement("[data-testid=merge-pair]").Click();

        providers.WaitForElement("[data-testid=confirm-merge]");
        providers.FindAll("[data-testid=merge-shared-inboxes]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AContactPage_SaysHowManyPossibleDuplicatesThereAre()
    {
        await SignInAsync();
        var anna = await ContactAsync("Anna", "+491712345678");
        await ContactAsync("Anna S.", "+491712345678");
        await ContactAsync("Annette", "+491712345678");

        var page = Render<ContactPage>(p => p.Add(c => c.Id, anna.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=duplicates-hint]").TextContent.ShouldContain("2 possible duplicates"));
    }
}
