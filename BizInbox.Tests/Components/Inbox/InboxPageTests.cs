using BizInbox.Web.Identity;
using BizInbox.Web.Features.Inbox;
using Bunit;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>The inbox without an open conversation: the list loads, follows the tabs and hears new conversations live.</summary>
public sealed class InboxPageTests : InboxComponentTest
{
    private static string[] Names(IRenderedComponent<InboxPage> page) =>
        page.FindAll("a.bi-row .bi-row-name").Select(n => n.TextContent).ToArray();

    [Fact]
    public async Task ACustomerWritingWhileTheListIsOpen_AppearsLive_WithTheCountsUpdated()
    {
        await SignInAsync();
        await CustomerWritesAsync("Erste Kundin", "Hallo");
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=count-All]").TextContent.ShouldBe("1"));
        page.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("All")).Click();
        page.WaitForAssertion(() => Names(page).ShouldBe(["Erste Kundin"]));

        await CustomerWritesAsync("Neue Kundin", "Ist jemand da?");

        page.WaitForAssertion(() =>
        {
            Names(page).ShouldBe(["Neue Kundin", "Erste Kundin"]);
            page.Find("[data-testid=count-All]").TextContent.ShouldBe("2");
            page.Find("[data-testid=count-Unassigned]").TextContent.ShouldBe("2");
        });
    }

    [Fact]
    public async Task SwitchingTabs_ShowsThatList()
    {
        await SignInAsync();
        var mine = await CustomerWritesAsync("Meine Kundin", "Hallo");
        await CustomerWritesAsync("Offene Kundin", "Hallo");
        await Get<ConversationService>().AssignAsync(User, mine, User.UserId!);
        var page = Render<InboxPage>();

        page.WaitForAssertion(() => Names(page).ShouldBe(["Meine Kundin"]));
        page.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("Unassigned")).Click();

        page.WaitForAssertion(() => Names(page).ShouldBe(["Offene Kundin"]));
    }

    [Fact]
    public async Task WithoutAnOpenConversation_InvitesToPickOne()
    {
        await SignInAsync();
        var page = Render<InboxPage>();

        page.Find("section[aria-label='Conversation']").TextContent.ShouldContain("Pick a conversation on the left");
        page.Find("section[aria-label='Conversations']").ShouldNotBeNull();
    }
}
