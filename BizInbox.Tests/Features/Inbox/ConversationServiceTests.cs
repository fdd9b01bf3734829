using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Features.Inbox;

public abstract class ConversationServiceTests(DatabaseProvider provider, PostgresServer? postgres) : InboxServiceTests(provider, postgres)
{
    [Fact]
    public async Task Reply_StoresAnOutgoingMessage_SetsFirstReplyAtOnce_AndClearsWaitingSince()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, question) = await CustomerWritesAsync(visitor, "Is my cake ready?");
        Clock.Advance(TimeSpan.FromMinutes(4));
        var firstReplyAt = Clock.GetUtcNow();

        var outcome = await Conversations.ReplyAsync(As(owner), conversationId, "  Yes, it is ready.  ", "reply-1", question, sendAnyway: false);

        outcome.Sent.ShouldBeTrue();
        outcome.CollidingAgentName.ShouldBeNull();
        var reply = (await TimelineAsync(conversationId))[^1];
        (reply.Id, reply.Kind, reply.Text, reply.SenderUserId, reply.SenderName, reply.ClientMessageId, reply.Delivery, reply.CreatedAt).ShouldBe(
            (outcome.MessageId!.Value, MessageKind.Outgoing, "Yes, it is ready.", owner.Id, "Olga Owner", "reply-1", DeliveryStatus.Sent, firstReplyAt));
        var conversation = await ConversationAsync(conversationId);
        conversation.FirstReplyAt.ShouldBe(firstReplyAt);
        conversation.LastAgentReplyAt.ShouldBe(firstReplyAt);
        conversation.WaitingSince.ShouldBeNull();
        conversation.LastActivityAt.ShouldBe(firstReplyAt);
        conversation.LastMessagePreview.ShouldBe("Yes, it is ready.");
        conversation.LastMessageFromCustomer.ShouldBeFalse();

        // The customer writes again and waits; the second reply keeps the first reply's instant.
        Clock.Advance(TimeSpan.FromMinutes(10));
        var (_, followUp) = await CustomerWritesAsync(visitor, "Can I pick it up at 5?");
        (await ConversationAsync(conversationId)).WaitingSince.ShouldBe(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(2));
        await Conversations.ReplyAsync(As(owner), conversationId, "Sure.", "reply-2", followUp, sendAnyway: false);

        conversation = await ConversationAsync(conversationId);
        conversation.FirstReplyAt.ShouldBe(firstReplyAt);
        conversation.LastAgentReplyAt.ShouldBe(Clock.GetUtcNow());
        conversation.WaitingSince.ShouldBeNull();
    }

    [Fact]
    public async Task Reply_RetriedWithTheSameClientMessageId_StoresOneMessage()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hello");

        var first = await Conversations.ReplyAsync(As(owner), conversationId, "Hi!", "reply-key", question, sendAnyway: false);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var retried = await Conversations.ReplyAsync(As(owner), conversationId, "Hi!", "reply-key", question, sendAnyway: false);

        retried.ShouldBe(first);
        (await TimelineAsync(conversationId)).Count(m => m.Kind == MessageKind.Outgoing).ShouldBe(1);
    }

    [Fact]
    public async Task Reply_RetriedConcurrently_StoresOneMessage()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hello");

        for (var round = 0; round < 5; round++)
        {
            var key = NewKey();
            var outcomes = await AtOnceAsync(
                () => Conversations.ReplyAsync(As(owner), conversationId, "Hi!", key, question, sendAnyway: false),
                () => Conversations.ReplyAsync(As(owner), conversationId, "Hi!", key, question, sendAnyway: false));

            outcomes[0].Sent.ShouldBeTrue();
            outcomes[1].ShouldBe(outcomes[0]);
            (await TimelineAsync(conversationId)).Count(m => m.ClientMessageId == key).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Reply_AfterATeammateRepliedUnseen_IsHeldBackWithTheirName_AndSendAnywayStoresIt()
    {
        var owner = await SetupOwnerAsync();
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Baker");
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Do you deliver?");
        // Olga opens the conversation and starts writing, having seen the question.
        Clock.Advance(TimeSpan.FromMinutes(1));
        var benAt = Clock.GetUtcNow();
        await AgentRepliesAsync(ben, conversationId, "Yes, within 10 km.");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var before = await TimelineAsync(conversationId);

        var held = await Conversations.ReplyAsync(As(owner), conversationId, "We deliver on Saturdays.", "olga-1", question, sendAnyway: false);

        held.Sent.ShouldBeFalse();
        held.MessageId.ShouldBeNull();
        held.CollidingAgentName.ShouldBe("Ben Baker");
        held.CollidingAt.ShouldBe(benAt);
        (await TimelineAsync(conversationId)).Select(m => m.Id).ShouldBe(before.Select(m => m.Id));

        var sent = await Conversations.ReplyAsync(As(owner), conversationId, "We deliver on Saturdays.", "olga-1", question, sendAnyway: true);

        sent.Sent.ShouldBeTrue();
        var last = (await TimelineAsync(conversationId))[^1];
        (last.Id, last.Kind, last.SenderName, last.Text).ShouldBe((sent.MessageId!.Value, MessageKind.Outgoing, "Olga Owner", "We deliver on Saturdays."));
    }

    [Fact]
    public async Task Reply_AfterOnlyOwnOrAlreadySeenReplies_IsNoCollision()
    {
        var owner = await SetupOwnerAsync();
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Baker");
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Do you deliver?");
        var benReply = await AgentRepliesAsync(ben, conversationId, "Yes.");
        await Conversations.AddNoteAsync(As(ben), conversationId, "Only within 10 km", NewKey());

        // Olga has seen Ben's reply: no collision (a later note by Ben is not a reply).
        (await Conversations.ReplyAsync(As(owner), conversationId, "Within 10 km.", NewKey(), benReply, sendAnyway: false)).Sent.ShouldBeTrue();
        // Her own reply after what she saw is no collision either.
        (await Conversations.ReplyAsync(As(owner), conversationId, "And on Saturdays.", NewKey(), benReply, sendAnyway: false)).Sent.ShouldBeTrue();
        // But Ben, who saw only the question, is held back because of Olga's replies.
        var held = await Conversations.ReplyAsync(As(ben), conversationId, "Also Sundays.", NewKey(), question, sendAnyway: false);
        held.Sent.ShouldBeFalse();
        held.CollidingAgentName.ShouldBe("Olga Owner");
    }

    [Fact]
    public async Task AddNote_MentioningATeammate_TellsThemLive_AndOpeningTheConversationMarksItSeen()
    {
        var owner = await SetupOwnerAsync();
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Berger");
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Is my cake ready?");
        var told = new TaskCompletionSource<InboxChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Bus.Subscribe(Topics.User(ben.Id), change =>
        {
            if (change.Kind == ChangeKind.MentionReceived)
            {
                told.TrySetResult(change);
            }

            return Task.CompletedTask;
        });

        var noteId = await Conversations.AddNoteAsync(As(owner), conversationId, "@Ben Berger please call her back, @Olga Owner knows", NewKey());

        var change = await told.Task.WaitAsync(Patience);
        (change.ConversationId, change.ActorName).ShouldBe((conversationId, "Olga Owner"));
        var mentions = await Conversations.MentionsAsync(As(ben));
        mentions.ShouldHaveSingleItem().ConversationId.ShouldBe(conversationId);
        (await Conversations.MentionsAsync(As(owner))).ShouldBeEmpty("nobody mentions themselves");

        await Conversations.MarkReadAsync(As(ben), conversationId, noteId!.Value);
        (await Conversations.MentionsAsync(As(ben))).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddNote_IsStoredForTheTeam_ButNeverShownToTheCustomer()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, question) = await CustomerWritesAsync(visitor, "Is my cake ready?");
        var before = await ConversationAsync(conversationId);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var noteId = await Conversations.AddNoteAsync(As(owner), conversationId, "The oven broke, ask Max", "note-1");
        var retried = await Conversations.AddNoteAsync(As(owner), conversationId, "The oven broke, ask Max", "note-1");

        retried.ShouldBe(noteId);
        var note = (await TimelineAsync(conversationId)).Single(m => m.Kind == MessageKind.Note);
        (note.Id, note.Text, note.SenderName).ShouldBe((noteId!.Value, "The oven broke, ask Max", "Olga Owner"));
        (await Threads.MessagesAsync(conversationId, null)).Messages.Select(m => m.Id).ShouldBe([question, noteId.Value]);
        (await Chat.MessagesAsync(visitor, null)).Select(m => m.Id).ShouldBe([question]);
        (await Chat.MessagesAsync(visitor, question)).ShouldBeEmpty();

        // A note is no answer: the customer still waits and the list still shows their words.
        var after = await ConversationAsync(conversationId);
        after.WaitingSince.ShouldBe(before.WaitingSince);
        after.FirstReplyAt.ShouldBeNull();
        after.LastActivityAt.ShouldBe(before.LastActivityAt);
        after.LastMessagePreview.ShouldBe("Is my cake ready?");
    }

    [Fact]
    public async Task Assign_ToSelfToAnotherAndToNobody_WritesTheMatchingActivities()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var conversationId = await NewConversationAsync("Carla Customer");

        await Conversations.AssignAsync(As(owner), conversationId, owner.Id);
        (await ConversationAsync(conversationId)).AssigneeId.ShouldBe(owner.Id);
        await Conversations.AssignAsync(As(owner), conversationId, owner.Id); // no change, no entry
        await Conversations.AssignAsync(As(owner), conversationId, anna.Id);
        (await ConversationAsync(conversationId)).AssigneeId.ShouldBe(anna.Id);
        await Conversations.AssignAsync(As(anna), conversationId, null);
        (await ConversationAsync(conversationId)).AssigneeId.ShouldBeNull();
        await Conversations.AssignAsync(As(anna), conversationId, null); // no change, no entry

        (await ActivitiesAsync(conversationId)).ShouldBe(
            [(ActivityKind.SelfAssigned, "Olga Owner", null),
             (ActivityKind.Assigned, "Olga Owner", "Anna Agent"),
             (ActivityKind.Unassigned, "Anna Agent", "Anna Agent")]);
    }

    [Fact]
    public async Task Assign_ToADeactivatedOrUnknownMember_IsRefused()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await Team.DeactivateAsync(As(owner), anna.Id);
        var conversationId = await NewConversationAsync("Carla Customer");

        await ShouldFailWithAsync("conversation.assignee_unknown", () => Conversations.AssignAsync(As(owner), conversationId, anna.Id));
        await ShouldFailWithAsync("conversation.assignee_unknown", () => Conversations.AssignAsync(As(owner), conversationId, "no-such-user"));

        (await ConversationAsync(conversationId)).AssigneeId.ShouldBeNull();
        (await ActivitiesAsync(conversationId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeactivatedMember_CannotActOnConversations()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hello");
        var label = await AddLabelAsync("order");
        await Team.DeactivateAsync(As(owner), anna.Id);
        var asAnna = As(anna);

        await ShouldFailWithAsync("team.not_allowed", () => Conversations.ReplyAsync(asAnna, conversationId, "Hi", NewKey(), question, sendAnyway: true));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.AddNoteAsync(asAnna, conversationId, "Note", NewKey()));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.AssignAsync(asAnna, conversationId, owner.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.ResolveAsync(asAnna, conversationId));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.ReopenAsync(asAnna, conversationId));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.SnoozeAsync(asAnna, conversationId, null));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.MarkPendingAsync(asAnna, conversationId));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.SetPriorityAsync(asAnna, conversationId, ConversationPriority.Urgent));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.AddLabelAsync(asAnna, conversationId, label.Id));
        await ShouldFailWithAsync("team.not_allowed", () => Conversations.MarkReadAsync(asAnna, conversationId, question));

        (await TimelineAsync(conversationId)).Select(m => m.Id).ShouldBe([question]);
        var conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.AssigneeId, conversation.Priority, conversation.Labels.Count).ShouldBe(
            (ConversationStatus.Open, null, ConversationPriority.None, 0));
        (await ReadMarkerAsync(conversationId, anna.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task StatusChanges_PersistAndWriteActivities()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");

        Clock.Advance(TimeSpan.FromMinutes(1));
        var resolvedAt = Clock.GetUtcNow();
        await Conversations.ResolveAsync(As(owner), conversationId);
        var conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.ResolvedAt).ShouldBe((ConversationStatus.Resolved, resolvedAt));
        await Conversations.ResolveAsync(As(owner), conversationId); // already resolved: no entry
        await ShouldFailWithAsync("conversation.snooze_resolved", () => Conversations.SnoozeAsync(As(owner), conversationId, null));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await Conversations.ReopenAsync(As(owner), conversationId);
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Open);

        var until = Clock.GetUtcNow().AddHours(3);
        await Conversations.SnoozeAsync(As(owner), conversationId, until.ToOffset(TimeSpan.FromHours(2)));
        conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.SnoozedUntil).ShouldBe((ConversationStatus.Snoozed, until));
        await ShouldFailWithAsync("conversation.snooze_in_past", () => Conversations.SnoozeAsync(As(owner), conversationId, Clock.GetUtcNow()));

        await Conversations.SnoozeAsync(As(owner), conversationId, null);
        conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.SnoozedUntil).ShouldBe((ConversationStatus.Snoozed, null));

        await Conversations.MarkPendingAsync(As(owner), conversationId);
        conversation = await ConversationAsync(conversationId);
        (conversation.Status, conversation.SnoozedUntil).ShouldBe((ConversationStatus.Pending, null));
        await Conversations.MarkPendingAsync(As(owner), conversationId); // no change, no entry

        await Conversations.ReopenAsync(As(owner), conversationId);
        await Conversations.ReopenAsync(As(owner), conversationId); // no change, no entry
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Open);

        (await ActivitiesAsync(conversationId)).ShouldBe(
            [(ActivityKind.Resolved, "Olga Owner", null),
             (ActivityKind.Reopened, "Olga Owner", null),
             (ActivityKind.Snoozed, "Olga Owner", until.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
             (ActivityKind.Snoozed, "Olga Owner", null),
             (ActivityKind.MarkedPending, "Olga Owner", null),
             (ActivityKind.Reopened, "Olga Owner", null)]);
        var timeline = await TimelineAsync(conversationId);
        timeline.Single(m => m.Activity == ActivityKind.Resolved).CreatedAt.ShouldBe(resolvedAt);
        timeline.Where(m => m.Kind == MessageKind.Activity).ShouldAllBe(m => m.SenderUserId == owner.Id);
    }

    [Fact]
    public async Task PriorityAndLabels_PersistAndWriteActivities()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var order = await AddLabelAsync("order");
        var complaint = await AddLabelAsync("complaint", "#E53935");

        await Conversations.SetPriorityAsync(As(owner), conversationId, ConversationPriority.Urgent);
        await Conversations.SetPriorityAsync(As(owner), conversationId, ConversationPriority.Urgent); // no change, no entry
        await Conversations.AddLabelAsync(As(owner), conversationId, order.Id);
        await Conversations.AddLabelAsync(As(owner), conversationId, complaint.Id);
        await Conversations.AddLabelAsync(As(owner), conversationId, order.Id); // already there, no entry

        var conversation = await ConversationAsync(conversationId);
        conversation.Priority.ShouldBe(ConversationPriority.Urgent);
        conversation.Labels.Select(l => l.LabelId).Order().ShouldBe(new[] { order.Id, complaint.Id }.Order());
        (await Threads.HeaderAsync(conversationId)).Labels.Select(l => (l.Name, l.Color)).ShouldBe([("complaint", "#e53935"), ("order", "#1e88e5")]);

        await Conversations.RemoveLabelAsync(As(owner), conversationId, order.Id);
        await Conversations.RemoveLabelAsync(As(owner), conversationId, order.Id); // already gone, no entry
        await Conversations.SetPriorityAsync(As(owner), conversationId, ConversationPriority.Low);
        await ShouldFailWithAsync("label.not_found", () => Conversations.AddLabelAsync(As(owner), conversationId, order.Id + complaint.Id + 100));

        conversation = await ConversationAsync(conversationId);
        conversation.Priority.ShouldBe(ConversationPriority.Low);
        conversation.Labels.Select(l => l.LabelId).ShouldBe([complaint.Id]);
        (await ActivitiesAsync(conversationId)).ShouldBe(
            [(ActivityKind.PriorityChanged, "Olga Owner", "Urgent"),
             (ActivityKind.LabelAdded, "Olga Owner", "order"),
             (ActivityKind.LabelAdded, "Olga Owner", "complaint"),
             (ActivityKind.LabelRemoved, "Olga Owner", "order"),
             (ActivityKind.PriorityChanged, "Olga Owner", "Low")]);
    }

    [Fact]
    public async Task UnknownConversation_IsReported()
    {
        var owner = await SetupOwnerAsync();

        await ShouldFailWithAsync("conversation.not_found", () => Conversations.ResolveAsync(As(owner), 4242));
        await ShouldFailWithAsync("conversation.not_found", () => Conversations.ReplyAsync(As(owner), 4242, "Hi", NewKey(), 0, sendAnyway: true));
        await ShouldFailWithAsync("conversation.not_found", () => Threads.HeaderAsync(4242));
    }

    [Fact]
    public async Task MarkRead_MovesTheReadMarkerForwardOnly()
    {
        var owner = await SetupOwnerAsync();
        var visitor = await VisitorAsync();
        var (conversationId, first) = await CustomerWritesAsync(visitor, "One");
        var (_, second) = await CustomerWritesAsync(visitor, "Two");
        var (_, third) = await CustomerWritesAsync(visitor, "Three");

        await Conversations.MarkReadAsync(As(owner), conversationId, second);
        (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(second);

        await Conversations.MarkReadAsync(As(owner), conversationId, first);
        (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(second);

        await Conversations.MarkReadAsync(As(owner), conversationId, third);
        (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(third);

        await using var db = Database.CreateDbContext();
        (await db.ReadMarkers.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task MarkRead_FromTwoTabsAtOnce_KeepsOneMarker()
    {
        var owner = await SetupOwnerAsync();
        for (var round = 0; round < 5; round++)
        {
            var (conversationId, first) = await CustomerWritesAsync(await VisitorAsync($"Visitor {round}"), "One");

            await AtOnceAsync(
                () => Conversations.MarkReadAsync(As(owner), conversationId, first),
                () => Conversations.MarkReadAsync(As(owner), conversationId, first));

            (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(first);
        }
    }

    [Fact]
    public async Task MarkRead_IsPerAgent()
    {
        var owner = await SetupOwnerAsync();
        var anna = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        var visitor = await VisitorAsync();
        var (conversationId, first) = await CustomerWritesAsync(visitor, "One");
        var (_, second) = await CustomerWritesAsync(visitor, "Two");

        await Conversations.MarkReadAsync(As(owner), conversationId, second);
        await Conversations.MarkReadAsync(As(anna), conversationId, first);

        (await ReadMarkerAsync(conversationId, owner.Id))!.LastReadMessageId.ShouldBe(second);
        (await ReadMarkerAsync(conversationId, anna.Id))!.LastReadMessageId.ShouldBe(first);
    }

    [Fact]
    public async Task Reply_PublishesACustomerVisibleMessageAdded_AfterTheCommit()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hello");
        var heard = Listen(conversationId, ChangeKind.MessageAdded);

        var outcome = await Conversations.ReplyAsync(As(owner), conversationId, "Hi!", NewKey(), question, sendAnyway: false);

        var (change, visibleToOthers) = await Within(heard);
        change.ShouldBe(new InboxChange(ChangeKind.MessageAdded, conversationId, change.InboxId, owner.Id, "Olga Owner")
        {
            VisibleToCustomer = true, Status = ConversationStatus.Open, PreviousStatus = ConversationStatus.Open,
        });
        visibleToOthers.ShouldContain(outcome.MessageId!.Value);
    }

    [Fact]
    public async Task AddNote_PublishesAMessageAddedThatTheCustomerMustNotHear()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var heard = Listen(conversationId, ChangeKind.MessageAdded);

        var noteId = await Conversations.AddNoteAsync(As(owner), conversationId, "Internal", NewKey());

        var (change, visibleToOthers) = await Within(heard);
        (change.Kind, change.ConversationId, change.ActorUserId, change.VisibleToCustomer).ShouldBe((ChangeKind.MessageAdded, conversationId, owner.Id, false));
        visibleToOthers.ShouldContain(noteId!.Value);
    }

    [Fact]
    public async Task StatusChange_PublishesAnInternalConversationChanged()
    {
        var owner = await SetupOwnerAsync();
        var conversationId = await NewConversationAsync("Carla Customer");
        var heard = Listen(conversationId, ChangeKind.ConversationChanged);

        await Conversations.ResolveAsync(As(owner), conversationId);

        var (change, _) = await Within(heard);
        (change.ConversationId, change.ActorName, change.VisibleToCustomer).ShouldBe((conversationId, "Olga Owner", false));
        (change.PreviousStatus, change.Status).ShouldBe((ConversationStatus.Open, ConversationStatus.Resolved));
        (await ConversationAsync(conversationId)).Status.ShouldBe(ConversationStatus.Resolved);
    }

    [Fact]
    public async Task MarkRead_TellsOnlyTheReadersOwnScreens()
    {
        var owner = await SetupOwnerAsync();
        var (conversationId, question) = await CustomerWritesAsync(await VisitorAsync(), "Hello");
        var heard = new TaskCompletionSource<InboxChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var mine = Bus.Subscribe(Topics.User(owner.Id), change =>
        {
            heard.TrySetResult(change);
            return Task.CompletedTask;
        });

        await Conversations.MarkReadAsync(As(owner), conversationId, question);

        var change = await Within(heard.Task);
        (change.Kind, change.ConversationId, change.ActorUserId).ShouldBe((ChangeKind.ReadStateChanged, conversationId, owner.Id));
    }

    /// <summary>
    /// The first change of <paramref name="kind"/> on the conversation's topic, with the ids of the messages a
    /// fresh database context could see at that moment (so the change came after the commit).
    /// </summary>
    private Task<(InboxChange Change, List<long> Stored)> Listen(long conversationId, ChangeKind kind)
    {
        var heard = new TaskCompletionSource<(InboxChange, List<long>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = Bus.Subscribe(Topics.Conversation(conversationId), async change =>
        {
            if (change.Kind != kind)
            {
                return;
            }

            await using BizInboxDbContext db = Database.CreateDbContext();
            var stored = await db.Messages.Where(m => m.ConversationId == conversationId).Select(m => m.Id).ToListAsync();
            heard.TrySetResult((change, stored));
        });
        return heard.Task.ContinueWith(
            t =>
            {
                subscription.Dispose();
                return t.Result;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

public sealed class SqliteConversationServiceTests() : ConversationServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresConversationServiceTests(PostgresServer postgres) : ConversationServiceTests(DatabaseProvider.Postgres, postgres);
