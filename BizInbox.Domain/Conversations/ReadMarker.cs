namespace BizInbox.Domain.Conversations;

/// <summary>
/// How far one agent has read one conversation: the newest message they have seen, and when that message was
/// written. Everything after it is unread for them. Both move only forward, so an older screen catching up
/// never marks newer messages as read.
/// </summary>
public sealed class ReadMarker : RecordsDomainEvents
{
    private ReadMarker()
    {
        UserId = string.Empty;
    }

    /// <summary>The conversation.</summary>
    public long ConversationId { get; private set; }

    /// <summary>The agent.</summary>
    public string UserId { get; private set; }

    /// <summary>The newest message they have seen.</summary>
    public long LastReadMessageId { get; private set; }

    /// <summary>When that message was written; customer messages after this instant are unread.</summary>
    public DateTimeOffset ReadUpTo { get; private set; }

    /// <summary>Creates a marker at a message.</summary>
    public static ReadMarker Create(long conversationId, string userId, long messageId, DateTimeOffset messageCreatedAt)
    {
        var marker = new ReadMarker { ConversationId = conversationId, UserId = userId, LastReadMessageId = messageId, ReadUpTo = messageCreatedAt };
        marker.Raise(new ConversationRead(conversationId, userId));
        return marker;
    }

    /// <summary>Moves the marker to a newer message; an older or the same one changes nothing.</summary>
    public bool MoveTo(long messageId, DateTimeOffset messageCreatedAt)
    {
        if (messageId <= LastReadMessageId)
        {
            return false;
        }

        LastReadMessageId = messageId;
        if (messageCreatedAt > ReadUpTo)
        {
            ReadUpTo = messageCreatedAt;
        }

        Raise(new ConversationRead(ConversationId, UserId));
        return true;
    }
}
