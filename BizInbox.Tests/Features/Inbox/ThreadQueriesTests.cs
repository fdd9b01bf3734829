using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;

namespace BizInbox.Tests.Features.Inbox;

public abstract class ThreadQueriesTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    [Fact]
    public async Task Messages_PageBackwardsFromTheNewest_EachPageOldestFirst()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, all) = await ThreadOfAsync(owner, ThreadQueries.PageSize + 10);

        var newest = await Threads.MessagesAsync(conversationId, null);

        newest.HasOlder.ShouldBeTrue();
        newest.Messages.Select(m => m.Id).ShouldBe(all.Skip(10));
        var older = await Threads.MessagesAsync(conversationId, ThreadCursor.Of(newest.Messages[0]));
        older.HasOlder.ShouldBeFalse();
        older.Messages.Select(m => m.Id).ShouldBe(all.Take(10));
        var none = await Threads.MessagesAsync(conversationId, ThreadCursor.Of(older.Messages[0]));
        (none.Messages.Count, none.HasOlder).ShouldBe((0, false));
    }

    [Fact]
    public async Task Messages_HasOlder_IsExactAtThePageBoundary()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, all) = await ThreadOfAsync(owner, ThreadQueries.PageSize);

        var full = await Threads.MessagesAsync(conversationId, null);
        (full.Messages.Count, full.HasOlder).ShouldBe((ThreadQueries.PageSize, false));

        await Conversations.AddNoteAsync(As(owner), conversationId, "One more", NewKey());
        var overflowing = await Threads.MessagesAsync(conversationId, null);
        (overflowing.Messages.Count, overflowing.HasOlder).ShouldBe((ThreadQueries.PageSize, true));
        overflowing.Messages[0].Id.ShouldBe(all[1]);
        var rest = await Threads.MessagesAsync(conversationId, ThreadCursor.Of(overflowing.Messages[0]));
        (Ids(rest.Messages.Select(m => m.Id)), rest.HasOlder).ShouldBe((Ids([all[0]]), false));
    }

    [Fact]
    public async Task Messages_CarryEveryKindOfEntryForTheTeam()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, question) = await CustomerWritesAsync(visitor, "Hello");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var reply = await AgentRepliesAsync(owner, conversationId, "Hi!");
        var note = await Conversations.AddNoteAsync(As(owner), conversationId, "Regular customer", NewKey());
        await Conversations.SetPriorityAsync(As(owner), conversationId, ConversationPriority.High);

        var page = await Threads.MessagesAsync(conversationId, null);

        page.Messages.Select(m => (m.Kind, m.Text, m.SenderName, m.Delivery, m.Activity, m.ActivityTarget)).ShouldBe(
            [(MessageKind.Incoming, "Hello", null, DeliveryStatus.None, ActivityKind.None, null),
             (MessageKind.Outgoing, "Hi!", "Olga Owner", DeliveryStatus.Sent, ActivityKind.None, null),
             (MessageKind.Note, "Regular customer", "Olga Owner", DeliveryStatus.None, ActivityKind.None, null),
             (MessageKind.Activity, "Olga Owner set the priority to High", "Olga Owner", DeliveryStatus.None, ActivityKind.PriorityChanged, "High")]);
        page.Messages.Take(3).Select(m => m.Id).ShouldBe([question, reply, note!.Value]);
        page.Messages[1].SenderUserId.ShouldBe(owner.Id);
        page.Messages[1].CreatedAt.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task Newer_ReturnsOnlyLaterMessagesOfThatConversation_OldestFirst()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, all) = await ThreadOfAsync(owner, 6);
        var other = await NewConversationAsync("Someone else", "Not part of it");
        await AgentRepliesAsync(owner, other, "Nor this");

        (await Threads.NewerAsync(conversationId, all[3])).Select(m => m.Id).ShouldBe([all[4], all[5]]);
        (await Threads.NewerAsync(conversationId, 0)).Select(m => m.Id).ShouldBe(all);
        (await Threads.NewerAsync(conversationId, all[^1])).ShouldBeEmpty();

        var visitor = await VisitorAsync("Late customer");
        var (late, _) = await CustomerWritesAsync(visitor, "Hi");
        late.ShouldNotBe(conversationId);
        (await Threads.NewerAsync(conversationId, all[^1])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Header_DescribesConversationAndContact()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var inbox = await SetupInboxAsync();
        var (_, visitor) = await Chat.StartAsync(inbox.PublicKey, "Carla Customer", "carla@example.com", null);
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello");
        await Conversations.AssignAsync(As(owner), conversationId, anna.Id);

        var header = await Threads.HeaderAsync(conversationId);

        (header.Id, header.InboxId, header.InboxName, header.ContactId, header.ContactName, header.ContactEmail).ShouldBe(
            (conversationId, inbox.Id, "Website chat", visitor.ContactId, "Carla Customer", "carla@example.com"));
        (header.Status, header.AssigneeId, header.AssigneeName, header.WaitingSince, header.OtherConversations).ShouldBe(
            (ConversationStatus.Open, anna.Id, "Anna Agent", Clock.GetUtcNow(), 0));
    }

    /// <summary>A conversation of <paramref name="count"/> entries (the customer's question, then notes a second apart); their ids, oldest first.</summary>
    private async Task<(long ConversationId, List<long> Ids)> ThreadOfAsync(AppUser agent, int count)
    {
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Question 0");
        var ids = new List<long> { question };
        for (var i = 1; i < count; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await Conversations.AddNoteAsync(As(agent), conversationId, $"Note {i}", NewKey()))!.Value);
        }

        ids.ShouldBeInOrder(SortDirection.Ascending, "message ids grow with time");
        return (conversationId, ids);
    }

    private static string Ids(IEnumerable<long> ids) => string.Join(' ', ids);
}

public sealed class SqliteThreadQueriesTests() : ThreadQueriesTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresThreadQueriesTests(PostgresServer postgres) : ThreadQueriesTests(DatabaseProvider.Postgres, postgres);
