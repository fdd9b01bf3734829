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
    public async Task LoadMore_AppendsTheNextPage_AndTheListStaysLiveBelowTheFirstPage()
    {
        await SignInAsync();
        var oldest = await CustomerOpensChatAsync("Kundin 01");
        await CustomerWritesAsync(oldest, "Hallo");
        var names = new List<string> { "Kundin 01" };
        for (var i = 2; i <= InboxQueries.PageSize + 3; i++)
        {
            names.Add($"Kundin {i:D2}");
            await CustomerWritesAsync(names[^1], "Hallo");
        }

        names.Reverse();
        var page = Render<InboxPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=count-All]").TextContent.ShouldBe($"{names.Count}"));
        await page.InvokeAsync(() => page.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("All")).Click());
        page.WaitForAssertion(() => Names(page).ShouldBe(names.Take(InboxQueries.PageSize)));

        // Found and clicked on the renderer's thread: the list may draw again in between (its counts arrive live).
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Load more")).Click());

        page.WaitForAssertion(() => Names(page).ShouldBe(names));
        page.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("Load more"));

        // All wrote at the same instant (the test's clock stands still), so the second page began amid rows of equal time.
        // The oldest, on the second page, writes again a minute later: it moves to the top, once.
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await CustomerWritesAsync(oldest, "Noch da?");
        page.WaitForAssertion(() => Names(page).ShouldBe([names[^1], .. names[..^1]]));
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
