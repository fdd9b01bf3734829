using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>An open conversation: it loads, is read by opening it, and follows what happens in it live.</summary>
public sealed class ConversationViewTests : InboxComponentTest
{
    private WebChatVisitor _visitor = default!;
    private long _id;

    private async Task CustomerStartsAsync(string text)
    {
        _visitor = await CustomerOpensChatAsync("Clara Kundin");
        _id = await CustomerWritesMoreAsync(text);
    }

    private Task<long> CustomerWritesMoreAsync(string text) => CustomerWritesAsync(_visitor, text);

    private IRenderedComponent<ConversationView> Open(long id) => Render<ConversationView>(p => p.Add(v => v.ConversationId, id));

    private static string[] Texts(IRenderedComponent<ConversationView> view) =>
        view.FindAll("article[data-kind=incoming] .bi-msg-text").Select(t => t.TextContent.Trim()).ToArray();

    private async Task<int> UnreadAsync() =>
        (await Get<InboxQueries>().ListAsync(User.UserId!, new ConversationFilter(InboxTab.All), 10)).Items.Single(i => i.Id == _id).UnreadCount;

    [Fact]
    public async Task Opening_ShowsTheThreadAndTheContact_AndMarksTheConversationRead()
    {
        await SignInAsync();
        await CustomerStartsAsync("Ist mein Kuchen fertig?");
        (await UnreadAsync()).ShouldBe(1);

        var view = Open(_id);

        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?"]));
        view.Find("section.bi-thread-pane").GetAttribute("aria-label").ShouldBe("Conversation with Clara Kundin");
        view.Find("aside").TextContent.ShouldContain("Clara Kundin");
        await EventuallyAsync(async () => await UnreadAsync() == 0, "the open conversation was never marked read");
    }

    [Fact]
    public async Task WhenAManagerErasesTheContact_TheOpenThreadShowsTheErasedTexts_AndTheAnonymousName()
    {
        var owner = await SignInAsync();
        await CustomerStartsAsync("Ist mein Kuchen fertig?");
        var view = Open(_id);
        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?"]));

        await Get<BizInbox.Web.Features.Contacts.Privacy.ContactErasureService>().EraseAsync(As(owner), _visitor.ContactId, "Clara Kundin");

        view.WaitForAssertion(() => Texts(view).ShouldBe([Message.ErasedText]));
        view.Find("section.bi-thread-pane").GetAttribute("aria-label").ShouldBe($"Conversation with {BizInbox.Domain.Contacts.Contact.ErasedName}");
    }

    [Fact]
    public async Task WhileOpen_TheCustomersTyping_AndTheirNextMessage_AppearLive_AndTheMessageIsReadAtOnce()
    {
        await SignInAsync();
        await CustomerStartsAsync("Ist mein Kuchen fertig?");
        var view = Open(_id);
        await EventuallyAsync(async () => await UnreadAsync() == 0, "the open conversation was never marked read");

        Get<WebChatService>().Typing(_id, _visitor.InboxId, typing: true);
        view.WaitForAssertion(() => view.Find(".bi-typing").TextContent.ShouldBe("Clara Kundin is typing…"));
        await CustomerWritesMoreAsync("Ich hole ihn um drei ab.");

        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?", "Ich hole ihn um drei ab."]));
        view.FindAll(".bi-typing").ShouldBeEmpty();
        await EventuallyAsync(async () => await UnreadAsync() == 0, "the open conversation was never marked read");
    }

    [Fact]
    public async Task PastTwoPages_AReaderAtTheNewestKeepsOnlyTheNewestPage_AndTheOlderLoadAgainOnAsking()
    {
        var agent = await SignInAsync();
        await CustomerStartsAsync("Ist mein Kuchen fertig?");
        JSInterop.Setup<bool?>("bizInbox.thread.atBottom", _ => true).SetResult(true);
        var view = Open(_id);
        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?"]));

        var notes = Get<ConversationService>();
        for (var i = 1; i <= 2 * ThreadQueries.PageSize; i++)
        {
            await notes.AddNoteAsync(As(agent), _id, $"Notiz {i}", $"note-{i}");
        }

        // 101 entries passed two pages while the agent followed them: the newest page stays, the rest is let go.
        view.WaitForAssertion(() =>
        {
            var shown = view.FindAll("article[data-message]");
            shown.Count.ShouldBe(ThreadQueries.PageSize);
            shown[^1].TextContent.ShouldContain("Notiz 100");
            view.FindAll("button").ShouldContain(b => b.TextContent.Contains("Load older messages"));
        }, TimeSpan.FromSeconds(30));

        view.FindAll("button").Single(b => b.TextContent.Contains("Load older messages")).Click();
        view.WaitForAssertion(() => view.FindAll("article[data-message]").Count.ShouldBe(2 * ThreadQueries.PageSize));
    }

    [Fact]
    public async Task AnActionInTheHeader_ChangesTheConversation_AndTheViewShowsIt()
    {
        await SignInAsync();
        await CustomerStartsAsync("Danke, alles gut.");
        var view = Open(_id);
        view.WaitForAssertion(() => view.Find("[data-testid=status]").TextContent.ShouldBe("Open"));

        view.Find("[data-shortcut=resolve]").Click();

        view.WaitForAssertion(() => view.Find("[data-testid=status]").TextContent.ShouldBe("Resolved"));
        (await HeaderAsync(_id)).Status.ShouldBe(ConversationStatus.Resolved);
    }

    [Fact]
    public async Task AConversationThatDoesNotExist_SaysSo_InsteadOfFailing()
    {
        await SignInAsync();
        var hosts = Hosts.Render(this);

        var view = Open(4711);

        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("This conversation does not exist."));
        view.Find("section").GetAttribute("aria-busy").ShouldBe("true");
        view.FindAll("[role=log]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AfterTheConnectionCameBack_TheThreadJumpsToTheNewest()
    {
        await SignInAsync();
        await CustomerStartsAsync("Hallo?");
        var follow = JSInterop.SetupVoid("bizInbox.thread.followBottom", _ => true);
        follow.SetVoidResult();
        var view = Open(_id);
        view.WaitForAssertion(() => Texts(view).Length.ShouldBe(1));
        await CustomerWritesMoreAsync("Noch jemand da?");
        view.WaitForAssertion(() => Texts(view).Length.ShouldBe(2));
        await FollowedAsync(view, follow, jump: false, "a message that arrives follows the bottom without a jump");

        var reconnects = Services.GetRequiredService<CircuitReconnects>();
        await view.InvokeAsync(async () =>
        {
            await reconnects.OnConnectionDownAsync(null!, CancellationToken.None);
            await reconnects.OnConnectionUpAsync(null!, CancellationToken.None);
        });

        await FollowedAsync(view, follow, jump: true, "after a reconnect the thread jumps to the newest");
    }

    /// <summary>
    /// Waits until the thread's last scroll call is <paramref name="jump"/>. The thread makes that call after its render,
    /// so a wait that looks again only on renders (bUnit's) can miss it when no render follows: this one looks on the
    /// renderer's dispatcher until the deadline.
    /// </summary>
    private static async Task FollowedAsync(IRenderedComponent<ConversationView> view, JSRuntimeInvocationHandler follow, bool jump, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await view.InvokeAsync(() => follow.Invocations.Count > 0 && Equals(follow.Invocations.Last().Arguments[1], jump)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, because);
            await Task.Delay(10);
        }
    }
}

/// <summary>
/// PostgreSQL answers asynchronously (SQLite's driver does not): the view's first render then shows the spinner, and it
/// must still watch, join the presence and mark read once the conversation is there.
/// </summary>
public sealed class ConversationViewOnANetworkDatabaseTests : InboxComponentTest
{
    protected override void ConfigureAppServices(IServiceCollection services) =>
        services.AddSingleton(sp => new ThreadQueries(
            new AnswersLater(sp.GetRequiredService<IDbContextFactory<BizInboxDbContext>>()), sp.GetRequiredService<BizInbox.Web.Channels.ConversationChannels>()));

    private async Task<int> UnreadAsync(long id) =>
        (await Get<InboxQueries>().ListAsync(User.UserId!, new ConversationFilter(InboxTab.All), 10)).Items.Single(i => i.Id == id).UnreadCount;

    private static string[] Texts(IRenderedComponent<ConversationView> view) =>
        view.FindAll("article[data-kind=incoming] .bi-msg-text").Select(t => t.TextContent.Trim()).ToArray();

    [Fact]
    public async Task OnADatabaseThatAnswersLater_TheViewStillGoesLive_JoinsThePresence_AndMarksRead()
    {
        var me = await SignInAsync();
        var visitor = await CustomerOpensChatAsync("Clara Kundin");
        var id = await CustomerWritesAsync(visitor, "Ist mein Kuchen fertig?");

        var view = Render<ConversationView>(p => p.Add(v => v.ConversationId, id));

        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?"]));
        await EventuallyAsync(async () => await UnreadAsync(id) == 0, "the open conversation was never marked read");
        await view.WaitForAssertionAsync(async () => (await Get<ConversationPresence>().ViewersOfAsync(id)).Select(v => v.UserId).ShouldBe([me.Id]));
        await CustomerWritesAsync(visitor, "Ich hole ihn um drei ab.");
        view.WaitForAssertion(() => Texts(view).ShouldBe(["Ist mein Kuchen fertig?", "Ich hole ihn um drei ab."]));
    }

    /// <summary>Contexts handed out after a yield, as a database that answers over the network does.</summary>
    private sealed class AnswersLater(IDbContextFactory<BizInboxDbContext> inner) : IDbContextFactory<BizInboxDbContext>
    {
        public BizInboxDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<BizInboxDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.CreateDbContextAsync(cancellationToken);
        }
    }
}
