using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Channels.WebChat;

public abstract class WebChatServiceTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    private const string SessionPurpose = "BizInbox.WebChat.Session.v1";

    [Fact]
    public async Task AdvanceDelivery_MovesTheTeamsRepliesForward_ForThisVisitorOnly_AndNeverBack()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync("Vera Visitor");
        var other = await VisitorAsync("Otto Other");
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello?");
        var (otherConversation, _) = await CustomerWritesAsync(other, "Me too?");
        var first = await AgentRepliesAsync(owner, conversationId, "Hi Vera");
        var second = await AgentRepliesAsync(owner, conversationId, "Anything else?");
        var othersReply = await AgentRepliesAsync(owner, otherConversation, "Hi Otto");

        await Chat.AdvanceDeliveryAsync(visitor, second, DeliveryStatus.Delivered);
        await Chat.AdvanceDeliveryAsync(visitor, first, DeliveryStatus.Read);
        await Chat.AdvanceDeliveryAsync(visitor, second, DeliveryStatus.Delivered);

        var timeline = await TimelineAsync(conversationId);
        timeline.Single(m => m.Id == first).Delivery.ShouldBe(DeliveryStatus.Read, "a late 'delivered' never moves a read reply back");
        timeline.Single(m => m.Id == second).Delivery.ShouldBe(DeliveryStatus.Delivered);
        timeline.Where(m => m.Kind != MessageKind.Outgoing).ShouldAllBe(m => m.Delivery == DeliveryStatus.None);

        // Naming another visitor's message id reaches only the caller's own conversation.
        await Chat.AdvanceDeliveryAsync(visitor, othersReply, DeliveryStatus.Read);
        (await TimelineAsync(otherConversation)).Single(m => m.Id == othersReply).Delivery.ShouldBe(DeliveryStatus.Sent);
        (await TimelineAsync(conversationId)).Single(m => m.Id == second).Delivery.ShouldBe(DeliveryStatus.Read);
    }

    [Fact]
    public async Task Start_CreatesAContactAndReturnsASignedSessionToken()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();

        var (session, visitor) = await Chat.StartAsync(inbox.PublicKey, "  Carla Customer ", "carla@example.com", "+49 170 1234567");

        session.ContactName.ShouldBe("Carla Customer");
        session.BusinessName.ShouldBe("Bäckerei Olga");
        session.Token.ShouldNotBeNullOrWhiteSpace();
        session.Token.ShouldNotContain(visitor.ContactId.ToString("N"));
        visitor.InboxId.ShouldBe(inbox.Id);

        await using var db = Database.CreateDbContext();
        var contact = await db.Contacts.AsNoTracking().SingleAsync();
        contact.Id.ShouldBe(visitor.ContactId);
        (contact.Name, contact.Email, contact.Phone).ShouldBe(("Carla Customer", "carla@example.com", "+491701234567"));
        contact.CreatedAt.ShouldBe(Clock.GetUtcNow());

        // Nothing written yet: no conversation, nothing to show.
        (await Chat.ConversationIdAsync(visitor)).ShouldBeNull();
        (await Chat.MessagesAsync(visitor, null)).ShouldBeEmpty();
        (await db.Conversations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Resume_WithTheTokenFromStart_ReturnsTheSameVisitor()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var (started, visitor) = await Chat.StartAsync(inbox.PublicKey, "Carla Customer", null, null);
        var (conversationId, messageId) = await CustomerWritesAsync(visitor, "Hello");

        var (session, resumed) = await Chat.ResumeAsync(started.Token);

        resumed.ShouldBe(visitor);
        session.ShouldBe(new WebChatSession(started.Token, "Carla Customer", "Bäckerei Olga"));
        (await Chat.ConversationIdAsync(resumed)).ShouldBe(conversationId);
        (await Chat.MessagesAsync(resumed, null)).Select(m => m.Id).ShouldBe([messageId]);
    }

    [Fact]
    public async Task Resume_WithAForgedOrTamperedToken_IsRefused()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var (session, visitor) = await Chat.StartAsync(inbox.PublicKey, "Carla Customer", null, null);
        var payload = $"{visitor.ContactId:N}|{visitor.InboxId}";

        var middle = session.Token.Length / 2;
        var tampered = string.Concat(session.Token.AsSpan(0, middle), session.Token[middle] == 'A' ? "B" : "A", session.Token.AsSpan(middle + 1));
        var otherKeys = new EphemeralDataProtectionProvider().CreateProtector(SessionPurpose).Protect(payload);
        var otherPurpose = Database.Get<IDataProtectionProvider>().CreateProtector("BizInbox.Something.Else").Protect(payload);

        foreach (var forged in new[] { tampered, session.Token[..^4], otherKeys, otherPurpose, payload, "not-a-token!", "" })
        {
            await ShouldFailWithAsync("session.invalid", () => Chat.ResumeAsync(forged));
        }

        // The genuine token still works.
        (await Chat.ResumeAsync(session.Token)).Visitor.ShouldBe(visitor);
    }

    [Fact]
    public async Task Resume_ForADeletedContact_IsRefused()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var (session, visitor) = await Chat.StartAsync(inbox.PublicKey, "Carla Customer", null, null);
        await using (var db = Database.CreateDbContext())
        {
            (await db.Contacts.Where(c => c.Id == visitor.ContactId).ExecuteDeleteAsync()).ShouldBe(1);
        }

        await ShouldFailWithAsync("session.invalid", () => Chat.ResumeAsync(session.Token));
    }

    [Fact]
    public async Task Resume_ForAValidlySignedTokenNamingNoContact_IsRefused()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var signed = Database.Get<IDataProtectionProvider>().CreateProtector(SessionPurpose).Protect($"{Guid.NewGuid():N}|{inbox.Id}");

        await ShouldFailWithAsync("session.invalid", () => Chat.ResumeAsync(signed));
    }

    [Fact]
    public async Task UnknownInboxKey_IsRefused_AndCreatesNoContact()
    {
        await SetupOwnerAsync();

        await ShouldFailWithAsync("inbox.not_found", () => Chat.StartAsync("0123456789abcdef01234567", "Carla Customer", null, null));
        await ShouldFailWithAsync("inbox.not_found", () => Chat.InboxInfoAsync("0123456789abcdef01234567"));
        await ShouldFailWithAsync("inbox.not_found", () => Chat.StartAsync("", "Carla Customer", null, null));

        await using var db = Database.CreateDbContext();
        (await db.Contacts.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Send_FirstMessage_StartsAConversationAndStoresTheIncomingMessage()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var visitor = await VisitorAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var now = Clock.GetUtcNow();

        var (message, conversationId) = await Chat.SendAsync(visitor, "key-1", "  Is my cake ready?  ");

        message.ShouldBe(new WebChatMessage(message.Id, "key-1", "in", "Is my cake ready?", null, now, "sent"));
        var conversation = await ConversationAsync(conversationId);
        conversation.InboxId.ShouldBe(inbox.Id);
        conversation.ContactId.ShouldBe(visitor.ContactId);
        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.AssigneeId.ShouldBeNull();
        conversation.CreatedAt.ShouldBe(now);
        conversation.WaitingSince.ShouldBe(now);
        conversation.LastCustomerMessageAt.ShouldBe(now);
        conversation.LastActivityAt.ShouldBe(now);
        conversation.LastMessagePreview.ShouldBe("Is my cake ready?");
        conversation.LastMessageFromCustomer.ShouldBeTrue();

        var stored = (await TimelineAsync(conversationId)).ShouldHaveSingleItem();
        (stored.Id, stored.Kind, stored.Text, stored.ClientMessageId, stored.CreatedAt, stored.SenderUserId)
            .ShouldBe((message.Id, MessageKind.Incoming, "Is my cake ready?", "key-1", now, null));

        await using var db = Database.CreateDbContext();
        (await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == visitor.ContactId)).LastSeenAt.ShouldBe(now);
        (await Chat.ConversationIdAsync(visitor)).ShouldBe(conversationId);
    }

    [Fact]
    public async Task Send_LaterMessage_ContinuesTheSameConversation()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (first, _) = await CustomerWritesAsync(visitor, "Hello");
        Clock.Advance(TimeSpan.FromMinutes(1));

        var (second, _) = await CustomerWritesAsync(visitor, "Anyone there?");

        second.ShouldBe(first);
        (await ConversationsOfAsync(visitor)).ShouldHaveSingleItem();
        (await TimelineAsync(first)).Select(m => m.Text).ShouldBe(["Hello", "Anyone there?"]);
        // The customer has waited since their first unanswered message.
        (await ConversationAsync(first)).WaitingSince.ShouldBe(Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Send_SameClientMessageIdTwice_ReturnsTheSameMessageAndStoresOneRow()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();

        var (first, conversationId) = await Chat.SendAsync(visitor, "retry-me", "Hello");
        Clock.Advance(TimeSpan.FromSeconds(5));
        var (retried, sameConversation) = await Chat.SendAsync(visitor, "retry-me", "Hello");

        retried.ShouldBe(first);
        sameConversation.ShouldBe(conversationId);
        (await TimelineAsync(conversationId)).ShouldHaveSingleItem().ClientMessageId.ShouldBe("retry-me");
    }

    [Fact]
    public async Task Send_SameClientMessageIdConcurrently_InAnOpenConversation_StoresOneRow()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello");

        // Three rounds (the rate limit allows eight sends): a retry racing the original each time.
        for (var round = 0; round < 3; round++)
        {
            var key = NewKey();
            var sends = await AtOnceAsync(
                () => Chat.SendAsync(visitor, key, "Are you open today?"),
                () => Chat.SendAsync(visitor, key, "Are you open today?"));

            sends[0].ShouldBe(sends[1]);
            sends[0].ConversationId.ShouldBe(conversationId);
            (await TimelineAsync(conversationId)).Count(m => m.ClientMessageId == key).ShouldBe(1);
        }

        (await TimelineAsync(conversationId)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Send_SameFirstMessageConcurrently_StartsOneConversationWithOneRow()
    {
        await SetupOwnerAsync();
        var visitors = new List<WebChatVisitor>();
        for (var i = 0; i < 12; i++)
        {
            visitors.Add(await VisitorAsync($"Visitor {i}"));
        }

        // Each visitor's widget retries its very first message while the original is still on its way.
        var races = visitors.Select(async visitor =>
        {
            var key = NewKey();
            var sends = await AtOnceAsync(
                () => Chat.SendAsync(visitor, key, "Hello"),
                () => Chat.SendAsync(visitor, key, "Hello"));
            return (Visitor: visitor, Sends: sends);
        }).ToList();

        foreach (var (visitor, sends) in await Task.WhenAll(races))
        {
            var conversations = await ConversationsOfAsync(visitor);
            conversations.Count.ShouldBe(1, "one visitor's retried first message must start one conversation");
            sends[0].Message.Id.ShouldBe(sends[1].Message.Id);
            sends[0].ConversationId.ShouldBe(sends[1].ConversationId);
            (await TimelineAsync(conversations[0].Id)).ShouldHaveSingleItem();
        }
    }

    [Fact]
    public async Task Send_DifferentFirstMessagesFromTwoTabsAtOnce_StartOneConversation()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var visitors = new List<WebChatVisitor>();
        for (var i = 0; i < 12; i++)
        {
            var (session, _) = await Chat.StartAsync(inbox.PublicKey, $"Visitor {i}", null, null);
            visitors.Add((await Chat.ResumeAsync(session.Token)).Visitor);
        }

        // Two tabs share the session (the token is kept in the browser's storage); each sends its own first message.
        var races = visitors.Select(visitor => AtOnceAsync(
            () => Chat.SendAsync(visitor, NewKey(), "Hello from tab 1"),
            () => Chat.SendAsync(visitor, NewKey(), "Hello from tab 2"))).ToList();
        await Task.WhenAll(races);

        foreach (var visitor in visitors)
        {
            var conversation = (await ConversationsOfAsync(visitor)).ShouldHaveSingleItem("one visitor, one inbox: one conversation");
            (await TimelineAsync(conversation.Id)).Select(m => m.Text).Order().ShouldBe(["Hello from tab 1", "Hello from tab 2"]);
        }
    }

    [Fact]
    public async Task Send_EmptyOrTooLongText_IsRefusedAndStoresNothing()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();

        await ShouldFailWithAsync("message.empty", () => Chat.SendAsync(visitor, NewKey(), ""));
        await ShouldFailWithAsync("message.empty", () => Chat.SendAsync(visitor, NewKey(), "  \n\t "));
        await ShouldFailWithAsync("message.too_long", () => Chat.SendAsync(visitor, NewKey(), new string('x', Message.MaxTextLength + 1)));
        await ShouldFailWithAsync("message.client_id_invalid", () => Chat.SendAsync(visitor, " ", "Hello"));
        await ShouldFailWithAsync("message.client_id_invalid", () => Chat.SendAsync(visitor, new string('k', Message.MaxClientMessageIdLength + 1), "Hello"));

        (await ConversationsOfAsync(visitor)).ShouldBeEmpty();

        // The longest text accepted.
        var (conversationId, _) = await CustomerWritesAsync(visitor, new string('x', Message.MaxTextLength));
        (await TimelineAsync(conversationId)).ShouldHaveSingleItem().Text.Length.ShouldBe(Message.MaxTextLength);
    }

    [Fact]
    public async Task Send_MoreThanEightMessagesInTenSeconds_IsRateLimitedAndTheRefusedMessageIsNotStored()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var other = await VisitorAsync("Dora Customer");
        var sent = new List<(long ConversationId, long MessageId)>();
        for (var i = 1; i <= 8; i++)
        {
            sent.Add(await CustomerWritesAsync(visitor, $"Message {i}"));
        }

        await ShouldFailWithAsync("message.rate_limited", () => Chat.SendAsync(visitor, "ninth", "Message 9"));

        var conversationId = sent[0].ConversationId;
        (await TimelineAsync(conversationId)).Select(m => m.Text).ShouldBe(Enumerable.Range(1, 8).Select(i => $"Message {i}"));
        // The limit is per visitor: someone else still gets through.
        await CustomerWritesAsync(other, "Hello");
    }

    [Fact]
    public async Task Messages_ShowTheCustomerOnlyTheirOwnAndTheTeamsReplies_NeverNotesOrActivities()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, question) = await CustomerWritesAsync(visitor, "Is my cake ready?");
        await Conversations.AddNoteAsync(As(owner), conversationId, "Check with the bakery first", NewKey());
        await Conversations.AssignAsync(As(owner), conversationId, owner.Id);
        await Conversations.SetPriorityAsync(As(owner), conversationId, ConversationPriority.High);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var reply = await AgentRepliesAsync(owner, conversationId, "Yes, it is ready.");
        await Conversations.ResolveAsync(As(owner), conversationId);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var (_, thanks) = await CustomerWritesAsync(visitor, "Thanks!");
        await Conversations.AddNoteAsync(As(owner), conversationId, "Customer seems happy", NewKey());

        var messages = await Chat.MessagesAsync(visitor, null);

        messages.Select(m => (m.Id, m.Direction, m.Text, m.SenderName)).ShouldBe(
            [(question, "in", "Is my cake ready?", null), (reply, "out", "Yes, it is ready.", "Olga Owner"), (thanks, "in", "Thanks!", null)]);
        (await Chat.MessagesAsync(visitor, question)).Select(m => m.Id).ShouldBe([reply, thanks]);
        (await Chat.MessagesAsync(visitor, thanks)).ShouldBeEmpty();

        // The timeline itself does hold the notes and the activities the customer must not see.
        var timeline = await TimelineAsync(conversationId);
        timeline.Count(m => m.Kind == MessageKind.Note).ShouldBe(2);
        timeline.Count(m => m.Kind == MessageKind.Activity).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Messages_OfOneVisitor_NeverContainAnotherVisitorsMessages()
    {
        var owner = await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var (sessionA, visitorA) = await Chat.StartAsync(inbox.PublicKey, "Anton", null, null);
        var (sessionB, visitorB) = await Chat.StartAsync(inbox.PublicKey, "Berta", null, null);

        // Both widgets happen to use the same message key.
        var (sentA, conversationA) = await Chat.SendAsync(visitorA, "same-key", "A: where is my order?");
        var (sentB, conversationB) = await Chat.SendAsync(visitorB, "same-key", "B: secret address, Hauptstraße 5");
        var replyB = await AgentRepliesAsync(owner, conversationB, "B: we will deliver to Hauptstraße 5");
        var replyA = await AgentRepliesAsync(owner, conversationA, "A: it is on its way");

        conversationB.ShouldNotBe(conversationA);
        sentB.Id.ShouldNotBe(sentA.Id);
        var resumedA = (await Chat.ResumeAsync(sessionA.Token)).Visitor;
        foreach (var asA in new[] { visitorA, resumedA })
        {
            var seen = await Chat.MessagesAsync(asA, null);
            seen.Select(m => m.Id).ShouldBe([sentA.Id, replyA]);
            seen.ShouldAllBe(m => m.Text.StartsWith("A:", StringComparison.Ordinal));
            (await Chat.MessagesAsync(asA, 0)).Select(m => m.Id).ShouldBe([sentA.Id, replyA]);
            (await Chat.MessagesAsync(asA, sentA.Id - 1)).ShouldNotContain(m => m.Id == sentB.Id || m.Id == replyB);
            (await Chat.ConversationIdAsync(asA)).ShouldBe(conversationA);
        }

        // Resending B's key as A returns A's own message, never B's.
        var (again, conversation) = await Chat.SendAsync(visitorA, "same-key", "A: where is my order?");
        (again.Id, conversation).ShouldBe((sentA.Id, conversationA));

        var seenByB = await Chat.MessagesAsync((await Chat.ResumeAsync(sessionB.Token)).Visitor, null);
        seenByB.Select(m => m.Id).ShouldBe([sentB.Id, replyB]);
    }

    [Fact]
    public async Task Send_AfterTheAgentResolved_ReopensTheConversationAndRecordsIt()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Is my cake ready?");
        await AgentRepliesAsync(owner, conversationId, "Yes.");
        await Conversations.ResolveAsync(As(owner), conversationId);
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Resolved);
        Clock.Advance(TimeSpan.FromHours(2));

        var (sameConversation, messageId) = await CustomerWritesAsync(visitor, "One more question");

        sameConversation.ShouldBe(conversationId);
        var conversation = await ConversationAsync(conversationId);
        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.WaitingSince.ShouldBe(Clock.GetUtcNow());
        var timeline = await TimelineAsync(conversationId);
        timeline.TakeLast(2).Select(m => (m.Kind, m.Activity)).ShouldBe(
            [(MessageKind.Activity, ActivityKind.ReopenedByCustomer), (MessageKind.Incoming, ActivityKind.None)]);
        timeline[^1].Id.ShouldBe(messageId);
        timeline[^2].CreatedAt.ShouldBe(Clock.GetUtcNow());
        timeline[^2].SenderUserId.ShouldBeNull();
    }

    [Fact]
    public async Task Send_ToASnoozedConversation_WakesIt()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello");
        await Conversations.SnoozeAsync(As(owner), conversationId, Clock.GetUtcNow().AddDays(1));

        await CustomerWritesAsync(visitor, "Hello again");

        var conversation = await ConversationAsync(conversationId);
        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.SnoozedUntil.ShouldBeNull();
        (await ActivitiesAsync(conversationId)).Select(a => a.Kind).ShouldBe([ActivityKind.Snoozed, ActivityKind.ReopenedByCustomer]);
    }

    [Fact]
    public async Task Send_PublishesACustomerVisibleMessageAddedAfterStoringIt()
    {
        await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello");
        var heard = new TaskCompletionSource<(InboxChange Change, int Stored)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Bus.Subscribe(Topics.Conversation(conversationId), async change =>
        {
            await using var db = Database.CreateDbContext();
            heard.TrySetResult((change, await db.Messages.CountAsync(m => m.ConversationId == conversationId)));
        });

        await CustomerWritesAsync(visitor, "Anyone there?");

        var (change, stored) = await Within(heard.Task);
        (change.Kind, change.ConversationId, change.VisibleToCustomer, change.Incoming).ShouldBe((ChangeKind.MessageAdded, conversationId, true, true));
        stored.ShouldBe(2);
    }

    [Fact]
    public async Task DisabledInbox_RefusesResumingAndStartingSessions()
    {
        await SetupOwnerAsync();
        var inbox = await SetupInboxAsync();
        var (session, _) = await Chat.StartAsync(inbox.PublicKey, "Carla Customer", null, null);
        await using (var db = Database.CreateDbContext())
        {
            var stored = await db.Inboxes.SingleAsync(i => i.Id == inbox.Id);
            stored.SetEnabled(false);
            await db.SaveChangesAsync();
        }

        await ShouldFailWithAsync("session.invalid", () => Chat.ResumeAsync(session.Token));
        await ShouldFailWithAsync("inbox.not_found", () => Chat.StartAsync(inbox.PublicKey, "Dora", null, null));
    }

    [Fact]
    public async Task Reply_ToAVisitor_ReachesOnlyThatVisitor_WithTheAgentsName()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello");

        var reply = await AgentRepliesAsync(anna, conversationId, "Hi, Anna here.");

        var last = (await Chat.MessagesAsync(visitor, null))[^1];
        (last.Id, last.Direction, last.SenderName, last.Status).ShouldBe((reply, "out", "Anna Agent", "sent"));
    }
}

public sealed class SqliteWebChatServiceTests() : WebChatServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWebChatServiceTests(PostgresServer postgres) : WebChatServiceTests(DatabaseProvider.Postgres, postgres);
