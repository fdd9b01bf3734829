namespace BizInbox.Domain.Conversations;

/// <summary>What an <see cref="InboxCount"/> counts.</summary>
public enum InboxCountKind
{
    /// <summary>Conversations.</summary>
    Conversations = 0,

    /// <summary>Conversations with at least one customer message (the ones that can be unread).</summary>
    WithCustomerMessages = 1,

    /// <summary>Conversations with customer messages that <see cref="InboxCount.UserId"/> has read to the newest one.</summary>
    CaughtUp = 2,
}

/// <summary>
/// The inbox's tab counts, kept rather than recounted: how many conversations of one inbox, status and assignee there are,
/// how many of them hold customer messages, and per agent how many of those the agent has read to the end. An agent's
/// unread count is then "with customer messages" minus "caught up", and a new agent starts with everything unread.
/// Kept in the same transaction as the change that moves a conversation between them, and repaired by a reconciliation.
/// </summary>
public sealed class InboxCount
{
    /// <summary>The <see cref="AssigneeId"/> of unassigned conversations and the <see cref="UserId"/> of counts that are nobody's.</summary>
    public const string Nobody = "";

    private InboxCount()
    {
    }

    public InboxCountKind Kind { get; private set; }

    public int InboxId { get; private set; }

    public ConversationStatus Status { get; private set; }

    /// <summary>The assignee, or <see cref="Nobody"/>.</summary>
    public string AssigneeId { get; private set; } = Nobody;

    /// <summary>The agent of a <see cref="InboxCountKind.CaughtUp"/> count, else <see cref="Nobody"/>.</summary>
    public string UserId { get; private set; } = Nobody;

    public long Count { get; private set; }

    /// <summary>
    /// Raised by every change of <see cref="Count"/>: a server that keeps the counts in memory takes a row's value only
    /// when it is newer than the one it has, whatever order the changes reach it in.
    /// </summary>
    public long Version { get; private set; }
}
