using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Features.Inbox;

public sealed class ListRelevanceTests
{
    private const long Open = 7;

    private static InboxChange Change(ChangeKind kind, long conversationId, int inboxId, ConversationStatus? before, ConversationStatus? after) =>
        new(kind, conversationId, inboxId) { PreviousStatus = before, Status = after };

    [Theory]
    // Another conversation in the list's inbox and status: reload.
    [InlineData(ChangeKind.MessageAdded, 1L, 1, ConversationStatus.Open, ConversationStatus.Open, 1, ConversationStatus.Open, true)]
    // The open conversation: its view marks the entry read, and that read change reloads the list.
    [InlineData(ChangeKind.MessageAdded, Open, 1, ConversationStatus.Open, ConversationStatus.Open, null, ConversationStatus.Open, false)]
    [InlineData(ChangeKind.ConversationChanged, Open, 1, ConversationStatus.Open, ConversationStatus.Resolved, null, ConversationStatus.Open, false)]
    // A rewrite changes no read marker: it always reloads.
    [InlineData(ChangeKind.ConversationRewritten, Open, 1, null, null, null, ConversationStatus.Open, true)]
    // Another inbox than the filter's.
    [InlineData(ChangeKind.MessageAdded, 1L, 2, ConversationStatus.Open, ConversationStatus.Open, 1, ConversationStatus.Open, false)]
    // Outside the filter's status before and after; moving into or out of it counts.
    [InlineData(ChangeKind.MessageAdded, 1L, 1, ConversationStatus.Resolved, ConversationStatus.Resolved, null, ConversationStatus.Open, false)]
    [InlineData(ChangeKind.MessageAdded, 1L, 1, ConversationStatus.Resolved, ConversationStatus.Open, null, ConversationStatus.Open, true)]
    [InlineData(ChangeKind.ConversationChanged, 1L, 1, ConversationStatus.Open, ConversationStatus.Resolved, null, ConversationStatus.Open, true)]
    [InlineData(ChangeKind.ConversationChanged, 1L, 1, ConversationStatus.Pending, ConversationStatus.Snoozed, null, ConversationStatus.Open, false)]
    // Every status: any change counts.
    [InlineData(ChangeKind.ConversationChanged, 1L, 1, ConversationStatus.Pending, ConversationStatus.Snoozed, null, null, true)]
    // The agent's own read and mention changes always reload.
    [InlineData(ChangeKind.ReadStateChanged, Open, 0, null, null, 1, ConversationStatus.Open, true)]
    [InlineData(ChangeKind.MentionReceived, 1L, 0, null, null, 1, ConversationStatus.Open, true)]
    public void Concerns_DecidesFromTheChangeAlone(
        ChangeKind kind, long conversationId, int inboxId, ConversationStatus? before, ConversationStatus? after,
        int? filterInbox, ConversationStatus? filterStatus, bool expected)
    {
        var filter = new ConversationFilter(InboxTab.All, filterStatus, filterInbox);

        ListRelevance.Concerns(Change(kind, conversationId, inboxId, before, after), filter, Open).ShouldBe(expected);
    }
}
