using System.Globalization;
using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;

namespace BizInbox.Tests.Domain.Conversations;

public class ConversationStatusTests
{
    private static readonly DateTimeOffset Later = Now.AddMinutes(30);

    [Fact]
    public void Start_OpensAnUnassignedConversationWithNothingRecordedYet()
    {
        var conversation = Conversation.Start(InboxId, ContactId, Now);

        conversation.Id.ShouldBe(0);
        conversation.InboxId.ShouldBe(InboxId);
        conversation.ContactId.ShouldBe(ContactId);
        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.SnoozedUntil.ShouldBeNull();
        conversation.Priority.ShouldBe(ConversationPriority.None);
        conversation.AssigneeId.ShouldBeNull();
        conversation.Labels.ShouldBeEmpty();
        conversation.CreatedAt.ShouldBe(Now);
        conversation.LastActivityAt.ShouldBe(Now);
        conversation.FirstReplyAt.ShouldBeNull();
        conversation.LastCustomerMessageAt.ShouldBeNull();
        conversation.LastAgentReplyAt.ShouldBeNull();
        conversation.WaitingSince.ShouldBeNull();
        conversation.ResolvedAt.ShouldBeNull();
        conversation.LastMessagePreview.ShouldBeEmpty();
    }

    [Fact]
    public void AResolvedConversation_NeverWaits_WhateverLedThere()
    {
        // The inbox's longest-waiting list of resolved conversations reads no waiting rows on the strength of this.
        var resolvedWhileWaiting = Stored();
        resolvedWhileWaiting.ReceiveFromCustomer("Hallo?", "c-1", Now);
        resolvedWhileWaiting.WaitingSince.ShouldBe(Now);
        resolvedWhileWaiting.Resolve(Anna, Later);

        var blockedWrites = InStatus(ConversationStatus.Resolved);
        blockedWrites.ReceiveFromCustomer("Spam", "c-2", Later, blocked: true);

        var foldedIntoResolved = InStatus(ConversationStatus.Resolved);
        var waitingResolved = WithId(Conversation.Start(InboxId, Guid.NewGuid(), Now), 43);
        waitingResolved.ReceiveFromCustomer("Noch da?", "c-3", Now);
        waitingResolved.Resolve(Anna, Later);
        foldedIntoResolved.Fold(waitingResolved, Anna, Later);

        foreach (var conversation in new[] { resolvedWhileWaiting, blockedWrites, foldedIntoResolved })
        {
            conversation.Status.ShouldBe(ConversationStatus.Resolved);
            conversation.WaitingSince.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("ReceiveFromCustomer")]
    [InlineData("Reply")]
    [InlineData("AddNote")]
    [InlineData("Assign")]
    [InlineData("Resolve")]
    [InlineData("Reopen")]
    [InlineData("Snooze")]
    [InlineData("WakeIfDue")]
    [InlineData("MarkPending")]
    [InlineData("SetPriority")]
    [InlineData("AddLabel")]
    [InlineData("RemoveLabel")]
    public void TimelineMethod_BeforeTheConversationIsStored_Throws(string method)
    {
        var conversation = Conversation.Start(InboxId, ContactId, Now);
        var label = StoredLabel(3, "order");
        Action call = method switch
        {
            "ReceiveFromCustomer" => () => conversation.ReceiveFromCustomer("Hello", "c-1", Later),
            "Reply" => () => conversation.Reply(Anna, "Hi!", "c-2", Later),
            "AddNote" => () => conversation.AddNote(Anna, "Regular customer", "c-3", Later),
            "Assign" => () => conversation.Assign(Anna, Ben, null, Later),
            "Resolve" => () => conversation.Resolve(Anna, Later),
            "Reopen" => () => conversation.Reopen(Anna, Later),
            "Snooze" => () => conversation.Snooze(Anna, Later.AddHours(1), Later),
            "WakeIfDue" => () => conversation.WakeIfDue(Later),
            "MarkPending" => () => conversation.MarkPending(Anna, Later),
            "SetPriority" => () => conversation.SetPriority(Anna, ConversationPriority.High, Later),
            "AddLabel" => () => conversation.AddLabel(Anna, label, Later),
            "RemoveLabel" => () => conversation.RemoveLabel(Anna, label, Later),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        Should.Throw<InvalidOperationException>(call);
        conversation.Status.ShouldBe(ConversationStatus.Open);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    public void Resolve_WhenNotResolved_ResolvesWithAnActivityEntry(ConversationStatus from)
    {
        var conversation = InStatus(from);

        var entries = conversation.Resolve(Ben, Later);

        conversation.Status.ShouldBe(ConversationStatus.Resolved);
        conversation.ResolvedAt.ShouldBe(Later);
        conversation.SnoozedUntil.ShouldBeNull();
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Resolved, Ben, Later);
    }

    [Fact]
    public void Resolve_WhenResolved_ReturnsNothingAndKeepsTheFirstResolvedAt()
    {
        var conversation = InStatus(ConversationStatus.Resolved);

        conversation.Resolve(Ben, Later).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Resolved);
        conversation.ResolvedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Resolved)]
    public void Reopen_WhenNotOpen_OpensWithAnActivityEntry(ConversationStatus from)
    {
        var conversation = InStatus(from);

        var entries = conversation.Reopen(Ben, Later);

        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.SnoozedUntil.ShouldBeNull();
        ShouldBeActivity(entries.ShouldHaveSingleItem(), ActivityKind.Reopened, Ben, Later);
    }

    [Fact]
    public void Reopen_WhenOpen_ReturnsNothing()
    {
        var conversation = Stored();

        conversation.Reopen(Ben, Later).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Open);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Resolved)]
    public void MarkPending_WhenNotPending_ParksItWithAnActivityEntry(ConversationStatus from)
    {
        var conversation = InStatus(from);

        var entries = conversation.MarkPending(Ben, Later);

        conversation.Status.ShouldBe(ConversationStatus.Pending);
        conversation.SnoozedUntil.ShouldBeNull();
        ShouldBeActivity(entries.ShouldHaveSingleItem(), ActivityKind.MarkedPending, Ben, Later);
    }

    [Fact]
    public void MarkPending_WhenPending_ReturnsNothing()
    {
        var conversation = InStatus(ConversationStatus.Pending);

        conversation.MarkPending(Ben, Later).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Pending);
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    public void Snooze_UntilATime_SnoozesWithTheInstantAsTarget(ConversationStatus from)
    {
        var conversation = InStatus(from);
        var until = Later.AddDays(1);

        var entries = conversation.Snooze(Ben, until, Later);

        conversation.Status.ShouldBe(ConversationStatus.Snoozed);
        conversation.SnoozedUntil.ShouldBe(until);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Snoozed, Ben, Later);
        entry.ActivityTarget.ShouldNotBeNull();
        DateTimeOffset.Parse(entry.ActivityTarget, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ShouldBe(until);
    }

    [Fact]
    public void Snooze_UntilTheCustomerReplies_HasNoEndAndNoTarget()
    {
        var conversation = Stored();

        var entries = conversation.Snooze(Ben, null, Later);

        conversation.Status.ShouldBe(ConversationStatus.Snoozed);
        conversation.SnoozedUntil.ShouldBeNull();
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Snoozed, Ben, Later);
        entry.ActivityTarget.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24)]
    public void Snooze_UntilNowOrThePast_IsRefused(int minutesFromNow)
    {
        var conversation = Stored();

        Should.Throw<DomainException>(() => conversation.Snooze(Ben, Later.AddMinutes(minutesFromNow), Later))
            .Code.ShouldBe("conversation.snooze_in_past");

        conversation.Status.ShouldBe(ConversationStatus.Open);
        conversation.SnoozedUntil.ShouldBeNull();
    }

    [Fact]
    public void Snooze_OneTickAhead_IsAccepted()
    {
        var conversation = Stored();

        conversation.Snooze(Ben, Later.AddTicks(1), Later).ShouldHaveSingleItem();

        conversation.SnoozedUntil.ShouldBe(Later.AddTicks(1));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Snooze_WhenResolved_IsRefused(bool timed)
    {
        var conversation = InStatus(ConversationStatus.Resolved);

        Should.Throw<DomainException>(() => conversation.Snooze(Ben, timed ? Later.AddDays(1) : null, Later))
            .Code.ShouldBe("conversation.snooze_resolved");

        conversation.Status.ShouldBe(ConversationStatus.Resolved);
        conversation.SnoozedUntil.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(60 * 24 * 3, true)]
    [InlineData(-1, false)]
    public void WakeIfDue_EndsATimedSnoozeOnlyOnceItsTimeHasCome(int minutesAfterTheEnd, bool wakes)
    {
        var conversation = Stored();
        var until = Now.AddHours(2);
        conversation.Snooze(Ben, until, Now);
        var at = until.AddMinutes(minutesAfterTheEnd);

        var entries = conversation.WakeIfDue(at);

        if (wakes)
        {
            conversation.Status.ShouldBe(ConversationStatus.Open);
            conversation.SnoozedUntil.ShouldBeNull();
            var entry = entries.ShouldHaveSingleItem();
            entry.Kind.ShouldBe(MessageKind.Activity);
            entry.Activity.ShouldBe(ActivityKind.SnoozeEnded);
            entry.CreatedAt.ShouldBe(at);
            entry.IsVisibleToCustomer.ShouldBeFalse();
        }
        else
        {
            entries.ShouldBeEmpty();
            conversation.Status.ShouldBe(ConversationStatus.Snoozed);
            conversation.SnoozedUntil.ShouldBe(until);
        }
    }

    [Fact]
    public void WakeIfDue_OneTickBeforeTheEnd_DoesNothing()
    {
        var conversation = Stored();
        var until = Now.AddHours(2);
        conversation.Snooze(Ben, until, Now);

        conversation.WakeIfDue(until.AddTicks(-1)).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Snoozed);
    }

    [Fact]
    public void WakeIfDue_OnASnoozeUntilTheCustomerReplies_NeverWakesIt()
    {
        var conversation = Stored();
        conversation.Snooze(Ben, null, Now);

        conversation.WakeIfDue(Now.AddYears(1)).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Snoozed);
        conversation.SnoozedUntil.ShouldBeNull();
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Resolved)]
    public void WakeIfDue_WhenNotSnoozed_DoesNothing(ConversationStatus status)
    {
        var conversation = InStatus(status);

        conversation.WakeIfDue(Now.AddYears(1)).ShouldBeEmpty();

        conversation.Status.ShouldBe(status);
    }

    [Fact]
    public void WakeIfDue_AfterTheSnoozeWasExtended_WaitsForTheNewEnd()
    {
        var conversation = Stored();
        conversation.Snooze(Ben, Now.AddHours(1), Now);
        conversation.Snooze(Ben, Now.AddHours(3), Now.AddMinutes(30));

        conversation.WakeIfDue(Now.AddHours(2)).ShouldBeEmpty();
        conversation.WakeIfDue(Now.AddHours(3)).ShouldHaveSingleItem().Activity.ShouldBe(ActivityKind.SnoozeEnded);
        conversation.WakeIfDue(Now.AddHours(4)).ShouldBeEmpty();
    }

    [Fact]
    public void WakeIfDue_AfterTheCustomerAlreadyWokeIt_DoesNothing()
    {
        var conversation = Stored();
        conversation.Snooze(Ben, Now.AddHours(1), Now);
        conversation.ReceiveFromCustomer("Any news?", null, Now.AddMinutes(10));

        conversation.WakeIfDue(Now.AddHours(2)).ShouldBeEmpty();

        conversation.Status.ShouldBe(ConversationStatus.Open);
    }

    internal static void ShouldBeActivity(Message entry, ActivityKind activity, BizInbox.Domain.Team.TeamMember actor, DateTimeOffset at)
    {
        entry.Kind.ShouldBe(MessageKind.Activity);
        entry.Activity.ShouldBe(activity);
        entry.ConversationId.ShouldBe(42);
        entry.SenderUserId.ShouldBe(actor.UserId);
        entry.SenderName.ShouldBe(actor.Name);
        entry.CreatedAt.ShouldBe(at);
        entry.Delivery.ShouldBe(DeliveryStatus.None);
        entry.IsVisibleToCustomer.ShouldBeFalse();
        entry.Text.ShouldNotBeNullOrWhiteSpace();
    }
}
