namespace BizInbox.Domain.Conversations;

/// <summary>What a timeline entry is.</summary>
public enum MessageKind
{
    /// <summary>Written by the customer.</summary>
    Incoming = 0,

    /// <summary>Written by an agent and sent to the customer.</summary>
    Outgoing = 1,

    /// <summary>A private note for the team; never sent to the customer.</summary>
    Note = 2,

    /// <summary>Written by the system for a status, assignment, priority or label change.</summary>
    Activity = 3,
}

/// <summary>
/// How far an outgoing message got. Only ever moves forward (<see cref="Queued"/>, <see cref="Sent"/>,
/// <see cref="Delivered"/>, <see cref="Read"/>), except to <see cref="Failed"/>. The numbers are stored, so
/// <see cref="Queued"/> came last; compare with <see cref="Message.DeliveryRank"/>, not the numbers.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>Not an outgoing message.</summary>
    None = 0,

    /// <summary>Accepted by the channel (WhatsApp answered with its message id; the web chat has it).</summary>
    Sent = 1,

    /// <summary>The customer's device has it.</summary>
    Delivered = 2,

    /// <summary>The customer has seen it.</summary>
    Read = 3,

    /// <summary>The channel refused it, or gave up; <see cref="Message.DeliveryError"/> says why.</summary>
    Failed = 4,

    /// <summary>Saved and waiting in the outbox for the channel to accept it.</summary>
    Queued = 5,

    /// <summary>The send was interrupted after the request left (a restart or a timeout): it may or may not have
    /// reached the customer. Never resent by itself; a status from the channel settles it.</summary>
    Unconfirmed = 6,

    /// <summary>The customer played the voice message (WhatsApp's "played" status; it comes after "read").</summary>
    Played = 7,
}

/// <summary>The kind of change an activity entry records; rendered in the reader's language.</summary>
public enum ActivityKind
{
    /// <summary>Not an activity.</summary>
    None = 0,

    /// <summary>The actor took the conversation.</summary>
    SelfAssigned,

    /// <summary>The actor assigned it to the target.</summary>
    Assigned,

    /// <summary>The actor removed the assignment of the target.</summary>
    Unassigned,

    /// <summary>The actor resolved it.</summary>
    Resolved,

    /// <summary>The actor reopened it.</summary>
    Reopened,

    /// <summary>A customer message reopened it.</summary>
    ReopenedByCustomer,

    /// <summary>The actor snoozed it until the target instant (round-trip format), or until the customer replies (no target).</summary>
    Snoozed,

    /// <summary>The snooze time passed.</summary>
    SnoozeEnded,

    /// <summary>The actor marked it pending.</summary>
    MarkedPending,

    /// <summary>The actor changed the priority to the target.</summary>
    PriorityChanged,

    /// <summary>The actor added the target label.</summary>
    LabelAdded,

    /// <summary>The actor removed the target label.</summary>
    LabelRemoved,

    /// <summary>The customer moved to another WhatsApp number; the target is "old new" (both E.164).</summary>
    CustomerNumberChanged,

    /// <summary>BizInbox refused a flood of web chat sessions or messages from the target address.</summary>
    FloodRefused,

    /// <summary>The actor merged the conversation's contact with another one, and that contact's conversation in the same inbox (target: "#id") into this one.</summary>
    ConversationFolded,

    /// <summary>The actor undid that merge: conversation target ("#id") is separate again.</summary>
    FoldUndone,
}
