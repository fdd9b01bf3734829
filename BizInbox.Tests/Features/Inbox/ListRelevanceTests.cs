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

    private const string Me = "me";

    private static readonly ListView MineOpen = new(new ConversationFilter(InboxTab.Mine), Me, new HashSet<long> { 1, 2 }, Open);

    private static InboxChange Moved(ChangeKind kind, long conversationId, string? assignee, string? previousAssignee = null,
        ConversationStatus status = ConversationStatus.Open, ConversationStatus previousStatus = ConversationStatus.Open) =>
        new(kind, conversationId, 1) { AssigneeId = assignee, PreviousAssigneeId = previousAssignee ?? assignee, Status = status, PreviousStatus = previousStatus };

    [Fact]
    public void ARowOnScreen_IsTouchedByAnyChange() =>
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 1, "olga", Me), MineOpen).ShouldBeTrue();

    [Fact]
    public void AnotherAgentsConversation_OffScreen_TouchesNoRow()
    {
        ListRelevance.TouchesRows(Moved(ChangeKind.MessageAdded, 9, "olga"), MineOpen).ShouldBeFalse();
        ListRelevance.TouchesRows(Moved(ChangeKind.MessageAdded, 9, null), MineOpen).ShouldBeFalse("an unassigned one is not on Mine");
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 9, "olga", Me), MineOpen).ShouldBeFalse("it left the tab without being on screen");
    }

    [Fact]
    public void AConversationOfTheTab_OffScreen_IsTouchedWhenItMayMoveIntoThePage()
    {
        ListRelevance.TouchesRows(Moved(ChangeKind.MessageAdded, 9, Me), MineOpen).ShouldBeTrue("a message puts it on top");
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 9, Me, "olga"), MineOpen).ShouldBeTrue("assigned to me");
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 9, Me, previousStatus: ConversationStatus.Resolved), MineOpen).ShouldBeTrue("reopened");
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 9, Me), MineOpen).ShouldBeFalse("a label or priority leaves its place");
        ListRelevance.TouchesRows(Moved(ChangeKind.ConversationChanged, 9, Me), MineOpen with { Filter = MineOpen.Filter with { LabelId = 3 } })
            .ShouldBeTrue("unless the list filters by labels");
        ListRelevance.TouchesRows(Moved(ChangeKind.MessageAdded, 9, Me, status: ConversationStatus.Resolved, previousStatus: ConversationStatus.Resolved), MineOpen)
            .ShouldBeFalse("not in the list's status");
    }

    [Fact]
    public void TheAgentsOwnReadChange_TouchesOnlyTheRowItNames()
    {
        ListRelevance.TouchesRows(new InboxChange(ChangeKind.ReadStateChanged, 2, 0, Me), MineOpen).ShouldBeTrue();
        ListRelevance.TouchesRows(new InboxChange(ChangeKind.ReadStateChanged, Open, 0, Me), MineOpen).ShouldBeTrue("the open conversation's");
        ListRelevance.TouchesRows(new InboxChange(ChangeKind.ReadStateChanged, 9, 0, Me), MineOpen).ShouldBeFalse();
    }

    [Fact]
    public void TheOpenConversationsChange_WaitsForItsReadChange_ButARewriteReloads()
    {
        ListRelevance.TouchesRows(Moved(ChangeKind.MessageAdded, Open, Me), MineOpen).ShouldBeFalse();
        ListRelevance.TouchesRows(new InboxChange(ChangeKind.ConversationRewritten, Open, 1), MineOpen).ShouldBeTrue();
    }
}
