namespace BizInbox.Domain.Conversations;

/// <summary>Where a conversation stands.</summary>
public enum ConversationStatus
{
    /// <summary>Needs the team's attention.</summary>
    Open = 0,

    /// <summary>Waiting on something outside the team (e.g. a supplier); not counted as open work.</summary>
    Pending = 1,

    /// <summary>Put aside until a time or until the customer replies.</summary>
    Snoozed = 2,

    /// <summary>Done. A new customer message reopens it.</summary>
    Resolved = 3,
}

/// <summary>How urgent a conversation is.</summary>
public enum ConversationPriority
{
    /// <summary>No priority set.</summary>
    None = 0,

    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Medium.</summary>
    Medium = 2,

    /// <summary>High.</summary>
    High = 3,

    /// <summary>Urgent.</summary>
    Urgent = 4,
}
