using BizInbox.Domain.Reporting;
using BizInbox.Domain.Team;

namespace BizInbox.Domain.Conversations;

/// <summary>Everything stored on a conversation's row (labels aside), as it was at one moment: what an undone merge puts back.</summary>
public sealed record ConversationSnapshot(
    long Id, int InboxId, Guid ContactId, ConversationStatus Status, DateTimeOffset? SnoozedUntil, ConversationPriority Priority,
    string? AssigneeId, DateTimeOffset CreatedAt, DateTimeOffset? FirstReplyAt, DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset? LastAgentReplyAt, DateTimeOffset? WaitingSince, DateTimeOffset? ResolvedAt, DateTimeOffset LastActivityAt,
    string LastMessagePreview, bool LastMessageFromCustomer, DateTimeOffset PeriodStartedAt, DateTimeOffset? PeriodFirstMessageAt,
    bool PeriodAnswered, bool CameViaAd = false);

/// <summary>Folding the conversation of a merged-away contact into the survivor's one in the same inbox, and taking it back.</summary>
public sealed partial class Conversation
{
    /// <summary>The conversation's row as it is now.</summary>
    public ConversationSnapshot Snapshot() => new(Id, InboxId, ContactId, Status, SnoozedUntil, Priority, AssigneeId, CreatedAt,
        FirstReplyAt, LastCustomerMessageAt, LastAgentReplyAt, WaitingSince, ResolvedAt, LastActivityAt, LastMessagePreview,
        LastMessageFromCustomer, PeriodStartedAt, PeriodFirstMessageAt, PeriodAnswered, CameViaAd);

    /// <summary>A conversation exactly as <paramref name="snapshot"/> describes it, with its id and the given labels.</summary>
    public static Conversation Restore(ConversationSnapshot snapshot, IEnumerable<int> labelIds)
    {
        var s = snapshot;
        var conversation = new Conversation
        {
            Id = s.Id, InboxId = s.InboxId, ContactId = s.ContactId, Status = s.Status, SnoozedUntil = s.SnoozedUntil, Priority = s.Priority,
            AssigneeId = s.AssigneeId, CreatedAt = s.CreatedAt, FirstReplyAt = s.FirstReplyAt, LastCustomerMessageAt = s.LastCustomerMessageAt,
            LastAgentReplyAt = s.LastAgentReplyAt, WaitingSince = s.WaitingSince, ResolvedAt = s.ResolvedAt, LastActivityAt = s.LastActivityAt,
            LastMessagePreview = s.LastMessagePreview, LastMessageFromCustomer = s.LastMessageFromCustomer, PeriodStartedAt = s.PeriodStartedAt,
            PeriodFirstMessageAt = s.PeriodFirstMessageAt, PeriodAnswered = s.PeriodAnswered, CameViaAd = s.CameViaAd,
        };
        conversation._labels.AddRange(labelIds.Select(l => new ConversationLabel(snapshot.Id, l)));
        return conversation;
    }

    /// <summary>
    /// Takes over <paramref name="other"/> (same inbox, about to go; its timeline moves here): the earliest start and first
    /// reply, the latest customer and agent messages and the list preview of whichever was active last, an assignee when
    /// this one has none, the higher priority, every label, and the livelier status with its response clock (open before
    /// pending before snoozed before resolved; between two open ones, the customer waiting longest). Returns the activity
    /// entry and the labels this conversation gained.
    /// </summary>
    /// <exception cref="DomainException"><paramref name="other"/> is this conversation or belongs to another inbox.</exception>
    public (Message Entry, IReadOnlyList<int> AddedLabels) Fold(Conversation other, TeamMember actor, DateTimeOffset now)
    {
        EnsureSaved();
        if (other.Id == Id || other.InboxId != InboxId)
        {
            throw new DomainException("conversation.fold_invalid", "Only two conversations in the same inbox can become one.");
        }

        var liveliness = Liveliness(other.Status).CompareTo(Liveliness(Status));
        if (liveliness > 0 || (liveliness == 0 && other.WaitingSince is { } waiting && (WaitingSince is null || waiting < WaitingSince)))
        {
            (Status, SnoozedUntil) = (other.Status, other.SnoozedUntil);
            Clock = other.Clock;
        }

        CreatedAt = Earliest(CreatedAt, other.CreatedAt)!.Value;
        FirstReplyAt = Earliest(FirstReplyAt, other.FirstReplyAt);
        LastCustomerMessageAt = Latest(LastCustomerMessageAt, other.LastCustomerMessageAt);
        LastAgentReplyAt = Latest(LastAgentReplyAt, other.LastAgentReplyAt);
        ResolvedAt = Latest(ResolvedAt, other.ResolvedAt);
        if (other.LastActivityAt > LastActivityAt)
        {
            (LastActivityAt, LastMessagePreview, LastMessageFromCustomer) = (other.LastActivityAt, other.LastMessagePreview, other.LastMessageFromCustomer);
        }

        AssigneeId ??= other.AssigneeId;
        Priority = other.Priority > Priority ? other.Priority : Priority;
        CameViaAd |= other.CameViaAd;
        var added = other._labels.Select(l => l.LabelId).Where(l => _labels.All(mine => mine.LabelId != l)).ToList();
        _labels.AddRange(added.Select(l => new ConversationLabel(Id, l)));
        var entry = Message.ActivityEntry(Id, ActivityKind.ConversationFolded, actor, $"#{other.Id}",
            $"{actor.Name} merged the contacts; conversation #{other.Id} is now part of this one", now);
        return (entry, added);
    }

    /// <summary>After an undone fold: whether a message that stayed here carries an ad's referral.</summary>
    public void KeepAdSource(bool anyMessageFromAnAd) => CameViaAd = anyMessageFromAnAd;

    /// <summary>
    /// Puts back what <see cref="Fold"/> changed, part by part (status with its clock, list summary, each time, assignee,
    /// priority): a part changed since the fold stays as it is now. The labels the fold added go. Whether it came via an
    /// ad depends on the messages that stay: see <see cref="KeepAdSource"/>.
    /// </summary>
    public Message UndoFold(ConversationSnapshot before, ConversationSnapshot after, IReadOnlyCollection<int> addedLabels, long otherId, TeamMember actor, DateTimeOffset now)
    {
        var current = Snapshot();
        if ((current.Status, current.SnoozedUntil, current.WaitingSince, current.PeriodStartedAt, current.PeriodFirstMessageAt, current.PeriodAnswered)
            == (after.Status, after.SnoozedUntil, after.WaitingSince, after.PeriodStartedAt, after.PeriodFirstMessageAt, after.PeriodAnswered))
        {
            (Status, SnoozedUntil) = (before.Status, before.SnoozedUntil);
            Clock = new ResponseClock(before.PeriodStartedAt, before.PeriodFirstMessageAt, before.PeriodAnswered, before.WaitingSince, before.Status == ConversationStatus.Resolved);
        }

        if ((current.LastActivityAt, current.LastMessagePreview, current.LastMessageFromCustomer) == (after.LastActivityAt, after.LastMessagePreview, after.LastMessageFromCustomer))
        {
            (LastActivityAt, LastMessagePreview, LastMessageFromCustomer) = (before.LastActivityAt, before.LastMessagePreview, before.LastMessageFromCustomer);
        }

        CreatedAt = current.CreatedAt == after.CreatedAt ? before.CreatedAt : CreatedAt;
        FirstReplyAt = current.FirstReplyAt == after.FirstReplyAt ? before.FirstReplyAt : FirstReplyAt;
        LastCustomerMessageAt = current.LastCustomerMessageAt == after.LastCustomerMessageAt ? before.LastCustomerMessageAt : LastCustomerMessageAt;
        LastAgentReplyAt = current.LastAgentReplyAt == after.LastAgentReplyAt ? before.LastAgentReplyAt : LastAgentReplyAt;
        ResolvedAt = current.ResolvedAt == after.ResolvedAt ? before.ResolvedAt : ResolvedAt;
        AssigneeId = current.AssigneeId == after.AssigneeId ? before.AssigneeId : AssigneeId;
        Priority = current.Priority == after.Priority ? before.Priority : Priority;
        _labels.RemoveAll(l => addedLabels.Contains(l.LabelId));
        return Message.ActivityEntry(Id, ActivityKind.FoldUndone, actor, $"#{otherId}",
            $"{actor.Name} undid the merge; conversation #{otherId} is separate again", now);
    }

    private static int Liveliness(ConversationStatus status) => status switch
    {
        ConversationStatus.Open => 3,
        ConversationStatus.Pending => 2,
        ConversationStatus.Snoozed => 1,
        _ => 0,
    };

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
