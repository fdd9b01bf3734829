using BizInbox.Web.Channels;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>A shared contact card becomes a contact only when an agent says so, and offers a chat with each WhatsApp number on it.</summary>
public sealed class SharedContactActionsTests : InboxComponentTest
{
    private static readonly SharedContact Card = new("Jana Jansen", ["+49 151 2222222"],
        PhoneDetails: [new("+49 151 2222222", "CELL", "4915122222222"), new("+49 40 555555", "WORK", null)]);

    [Fact]
    public async Task SaveAsContact_CreatesItOnce_AndOpensIt()
    {
        await SignInAsync();
        RenderProviders();
        var actions = Render<SharedContactActions>(p => p.Add(a => a.Card, Card));

        actions.FindAll("[data-testid=new-conversation]").Select(b => b.TextContent.Trim()).ShouldBe(["Start a chat with +49 151 2222222"]);
        actions.Find("[data-testid=save-card]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        actions.WaitForAssertion(() => navigation.Uri.ShouldContain("/contacts/"));
        await using var db = Database.CreateDbContext();
        var contact = await db.Contacts.SingleAsync();
        navigation.Uri.ShouldEndWith($"/contacts/{contact.Id}");
        contact.Phone.ShouldBe("+4915122222222");
    }
}
