using BizInbox.Domain.Conversations;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Inbox;

/// <summary>
/// Two writers that loaded the same conversation: the second one's save fails on the conversation's version and starts
/// again from what the first stored, or is reported; it never overwrites the first one's change.
/// </summary>
public abstract class ConversationConflictTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private SnoozeWakeUp WakeUp => Database.Get<SnoozeWakeUp>();

    [Fact]
    public async Task SnoozeWakeUp_WhenAnAgentResolvesBetweenItsReadAndItsWrite_LeavesTheConversationResolved()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        await Conversations.SnoozeAsync(As(owner), conversationId, Clock.GetUtcNow().AddHours(1));
        Clock.Advance(TimeSpan.FromHours(2));

        using var agent = new BeforeSave(Database.ConnectionString, db => Adds(db, ActivityKind.SnoozeEnded),
            () => Conversations.ResolveAsync(As(owner), conversationId));
        var woken = await WakeUp.WakeDueAsync();

        agent.Ran.ShouldBe(1);
        woken.ShouldBe(0);
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Resolved);
        (await ActivitiesAsync(conversationId)).Select(a => a.Kind).ShouldBe([ActivityKind.Snoozed, ActivityKind.Resolved]);
    }

    [Fact]
    public async Task Resolve_WhenTheSnoozeEndsBetweenItsReadAndItsWrite_ResolvesTheWokenConversation()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        await Conversations.SnoozeAsync(As(owner), conversationId, Clock.GetUtcNow().AddHours(1));
        Clock.Advance(TimeSpan.FromHours(2));

        using var wakeUp = new BeforeSave(Database.ConnectionString, db => Adds(db, ActivityKind.Resolved), () => WakeUp.WakeDueAsync());
        await Conversations.ResolveAsync(As(owner), conversationId);

        wakeUp.Ran.ShouldBe(1);
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Resolved);
        (await ActivitiesAsync(conversationId)).Select(a => a.Kind).ShouldBe([ActivityKind.Snoozed, ActivityKind.SnoozeEnded, ActivityKind.Resolved]);
    }

    [Fact]
    public async Task CustomerMessage_WhenAnAgentResolvesBetweenItsReadAndItsWrite_ReopensTheConversation()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Is my cake ready?");

        using var agent = new BeforeSave(Database.ConnectionString,
            db => db.ChangeTracker.Entries<Message>().Any(e => e.State == EntityState.Added && e.Entity.Kind == MessageKind.Incoming),
            () => Conversations.ResolveAsync(As(owner), conversationId));
        await CustomerWritesAsync(visitor, "And can I pay by card?");

        agent.Ran.ShouldBe(1);
        var conversation = await ConversationAsync(conversationId);
        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.WaitingSince.ShouldNotBeNull();
        (await TimelineAsync(conversationId)).Count(m => m.Text == "And can I pay by card?").ShouldBe(1);
    }

    [Fact]
    public async Task Resolve_ThatLosesEveryTime_IsReported_AndNothingIsOverwritten()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var priorities = new Queue<ConversationPriority>([ConversationPriority.Low, ConversationPriority.Medium, ConversationPriority.High, ConversationPriority.Urgent, ConversationPriority.Low]);

        using var teammate = new BeforeSave(Database.ConnectionString, db => Adds(db, ActivityKind.Resolved),
            () => Conversations.SetPriorityAsync(As(owner), conversationId, priorities.Dequeue()), times: 10);
        await ShouldFailWithAsync("conversation.changed_meanwhile", () => Conversations.ResolveAsync(As(owner), conversationId));

        teammate.Ran.ShouldBe(Conflicts.Attempts);
        var conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.Priority).ShouldBe((ConversationStatus.Open, ConversationPriority.Urgent));
        (await ActivitiesAsync(conversationId)).ShouldNotContain(a => a.Kind == ActivityKind.Resolved);
    }

    private static bool Adds(DbContext db, ActivityKind activity) =>
        db.ChangeTracker.Entries<Message>().Any(e => e.State == EntityState.Added && e.Entity.Activity == activity);
}

public sealed class SqliteConversationConflictTests() : ConversationConflictTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresConversationConflictTests(PostgresServer postgres) : ConversationConflictTests(DatabaseProvider.Postgres, postgres);
