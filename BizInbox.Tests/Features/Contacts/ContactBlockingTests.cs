using BizInbox.Domain.Conversations;
using BizInbox.Tests.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Scheduling;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Contacts;

/// <summary>A blocked customer's messages through the real inbound paths: kept, but they open nothing and notify nobody.</summary>
public abstract class ContactBlockingTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private ContactService Contacts => Database.Get<ContactService>();

    // Greets again after an hour's silence: without the block, the blocked customer's later message would be greeted.
    private Task GreetEveryoneAsync() => Database.Get<AutomaticMessageService>().SaveAsync(As(Owner),
        new AutomaticMessageSettings(true, "Hello! We will be right with you.", 1, false, "We are closed."));

    private async Task<Guid> ContactOfAsync(long conversationId) => (await ConversationAsync(conversationId)).ContactId;

    /// <summary>Everything published on the inbox-wide topics and the owner's own topic while the test runs.</summary>
    private List<InboxChange> Heard()
    {
        var heard = new List<InboxChange>();
        Func<InboxChange, Task> record = change =>
        {
            lock (heard)
            {
                heard.Add(change);
            }

            return Task.CompletedTask;
        };
        foreach (var topic in new[] { Topics.AllInboxes, Topics.Inbox(InboxId), Topics.User(Owner.Id) })
        {
            Bus.Subscribe(topic, record);
        }

        return heard;
    }

    [Fact]
    public async Task ABlockedWhatsAppCustomersMessage_IsStored_ButReopensNothing_IsNotUnread_NotifiesNobody_AndGetsNoGreeting()
    {
        await GreetEveryoneAsync();
        var (conversationId, _) = await CustomerTextsAsync("Hallo");
        await Conversations.MarkReadAsync(As(Owner), conversationId, await LatestMessageIdAsync(conversationId));
        await Conversations.ResolveAsync(As(Owner), conversationId);
        await Contacts.BlockAsync(As(Owner), await ContactOfAsync(conversationId));
        var before = await ConversationAsync(conversationId);
        var automaticBefore = (await TimelineAsync(conversationId)).Count(m => m.Automatic != AutomaticMessageKind.None);
        var heard = Heard();
        Clock.Advance(TimeSpan.FromHours(2));

        var (again, messageId) = await CustomerTextsAsync("Buy cheap followers now");

        again.ShouldBe(conversationId);
        (await MessageAsync(messageId)).Text.ShouldBe("Buy cheap followers now");
        var after = await ConversationAsync(conversationId);
        after.Status.ShouldBe(ConversationStatus.Resolved);
        (after.LastCustomerMessageAt, after.WaitingSince, after.LastActivityAt).ShouldBe((before.LastCustomerMessageAt, before.WaitingSince, before.LastActivityAt));
        (await Queries.CountsAsync(Owner.Id, new ConversationFilter(Status: null))).AllUnread.ShouldBe(0);
        (await TimelineAsync(conversationId)).Count(m => m.Automatic != AutomaticMessageKind.None).ShouldBe(automaticBefore);
        heard.ShouldBeEmpty();
    }

    [Fact]
    public async Task AfterUnblocking_TheCustomersNextMessageReopensAndIsUnreadAgain()
    {
        var (conversationId, _) = await CustomerTextsAsync("Hallo");
        await Conversations.ResolveAsync(As(Owner), conversationId);
        var contactId = await ContactOfAsync(conversationId);
        await Contacts.ReportSpamAsync(As(Owner), contactId);
        await CustomerTextsAsync("Spam");
        await Contacts.UnblockAsync(As(Owner), contactId);
        var heard = Heard();

        await CustomerTextsAsync("Sorry, my phone was stolen. Is my bike ready?");

        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Open);
        heard.ShouldContain(c => c.Kind == ChangeKind.MessageAdded && c.ConversationId == conversationId);
        (await Contacts.ActivityAsync(As(Owner), contactId)).Select(a => a.Kind)
            .ShouldBe([BizInbox.Domain.Contacts.ContactActivityKind.Unblocked, BizInbox.Domain.Contacts.ContactActivityKind.ReportedSpam]);
    }

    [Fact]
    public async Task ABlockedWebChatVisitorsMessage_IsStored_ButOpensNothing_AndGetsNoGreeting()
    {
        await GreetEveryoneAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello?");
        await Conversations.ResolveAsync(As(Owner), conversationId);
        await Contacts.BlockAsync(As(Owner), visitor.ContactId);
        var greetings = (await TimelineAsync(conversationId)).Count(m => m.Automatic != AutomaticMessageKind.None);
        var heard = new List<InboxChange>();
        Bus.Subscribe(Topics.AllInboxes, c => { lock (heard) { heard.Add(c); } return Task.CompletedTask; });
        Clock.Advance(TimeSpan.FromHours(2));

        var (_, messageId) = await CustomerWritesAsync(visitor, "You will regret this");

        await using var db = Database.CreateDbContext();
        (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId)).Text.ShouldBe("You will regret this");
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Resolved);
        (await TimelineAsync(conversationId)).Count(m => m.Automatic != AutomaticMessageKind.None).ShouldBe(greetings);
        heard.ShouldBeEmpty();
    }
}

public sealed class SqliteContactBlockingTests() : ContactBlockingTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactBlockingTests(PostgresServer postgres) : ContactBlockingTests(DatabaseProvider.Postgres, postgres);
