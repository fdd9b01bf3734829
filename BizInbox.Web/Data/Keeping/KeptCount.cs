using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Data.Keeping;

/// <summary>One kept tab count (<see cref="InboxCount"/>) as a commit left it.</summary>
public sealed record KeptCount(InboxCountKind Kind, string UserId, ConversationStatus Status, int InboxId, string AssigneeId, long Count, long Version);

/// <summary>Recorded by the tab counts' keeper and reconciliation, published with the commit that moved them.</summary>
public sealed record InboxCountsMoved(IReadOnlyList<KeptCount> Counts, bool Reset) : Domain.DomainEvent;
