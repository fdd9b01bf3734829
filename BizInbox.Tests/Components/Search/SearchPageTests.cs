using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Search;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Components.Search;

/// <summary>The results page reads its search from the address, marks the matched words as text and links each hit to its conversation.</summary>
public sealed class SearchPageTests : InboxComponentTest
{
    private IRenderedComponent<SearchPage> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<SearchPage>();
    }

    [Fact]
    public async Task Mueller_FindsMueller_WithTheNameMarked_AndLinksToTheConversation()
    {
        await SignInAsync();
        var conversation = await CustomerWritesAsync("Jürgen Müller", "Wann kommt meine Bestellung?");
        await CustomerWritesAsync("Anna Schmidt", "Hallo");

        var page = Open("search?q=Mueller");

        page.WaitForAssertion(() => page.FindAll("[data-testid=search-result-conversation]").Count.ShouldBe(1));
        var hit = page.Find("[data-testid=search-result-conversation] a");
        hit.GetAttribute("href").ShouldBe($"inbox/{conversation}");
        hit.QuerySelector("mark")!.TextContent.ShouldBe("Müller");
        page.Find("[data-testid=search-result-contact] a").GetAttribute("href").ShouldBe($"inbox/{conversation}");
        page.Markup.ShouldNotContain("Schmidt");
    }

    [Fact]
    public async Task MessageHits_ShowTheirText_AsText_WithTheWordsMarked()
    {
        await SignInAsync();
        var conversation = await CustomerWritesAsync("Carla", "<b>Rechnung</b> <img src=x onerror=alert(1)> bitte");

        var page = Open("search?q=rechnung");

        page.WaitForAssertion(() => page.FindAll("[data-testid=search-result-message]").Count.ShouldBe(1));
        var hit = page.Find("[data-testid=search-result-message] a");
        hit.GetAttribute("href").ShouldBe($"inbox/{conversation}");
        hit.QuerySelectorAll("mark").Select(m => m.TextContent).ShouldBe(["Rechnung"]);
        hit.QuerySelector("img").ShouldBeNull();
        hit.QuerySelector("b").ShouldBeNull();
        hit.TextContent.ShouldContain("<img src=x onerror=alert(1)>");
    }

    [Fact]
    public async Task NothingFound_SaysSo_AndPunctuationAloneAsksForWords()
    {
        await SignInAsync();
        await CustomerWritesAsync("Carla", "Hallo");

        var page = Open("search?q=Zwiebel");
        page.WaitForAssertion(() => page.Find("[data-testid=search-empty]").TextContent.ShouldContain("Nothing found for \"Zwiebel\"."));

        var quotes = Open("search?q=%22*");
        quotes.WaitForAssertion(() => quotes.Markup.ShouldContain("Search for a name, an email address"));
    }

    [Fact]
    public async Task TypingANewSearch_ChangesTheAddress_KeepingTheFilters()
    {
        await SignInAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Open("search?q=alt&status=Resolved");
        page.WaitForAssertion(() => page.Find("[data-testid=search-empty]"));

        page.Find("input[data-testid=search-page-text]").Change("Straße");

        navigation.Uri.ShouldEndWith("search?q=Stra%C3%9Fe&status=Resolved");
    }

    [Fact]
    public async Task AFilter_NarrowsTheHits()
    {
        await SignInAsync();
        var open = await CustomerWritesAsync("Carla", "Rechnung offen");
        var resolved = await CustomerWritesAsync("Dora", "Rechnung erledigt");
        await Get<ConversationService>().ResolveAsync(User, resolved);

        var page = Open("search?q=rechnung&status=Resolved");

        page.WaitForAssertion(() => page.FindAll("[data-testid=search-result-message] a").Select(a => a.GetAttribute("href")).ShouldBe([$"inbox/{resolved}"]));
        page.Markup.ShouldNotContain($"inbox/{open}\"");
    }
}
