namespace BizInbox.Domain.Conversations;

/// <summary>How far one agent has read one conversation; everything after is unread for them.</summary>
public sealed class ReadMarker
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

    /// <summary>When they last opened it.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>Creates a marker at <paramref name="messageId"/>.</summary>
    public static ReadMarker Create(long conversationId, string userId, long messageId, DateTimeOffset now) =>
        new() { ConversationId = conversationId, UserId = userId, LastReadMessageId = messageId, ReadAt = now };

    /// <summary>Moves the marker forward; it never moves back.</summary>
    public bool MoveTo(long messageId, DateTimeOffset now)
    {
        ReadAt = now;
        if (messageId <= LastReadMessageId)
        {
            return false;
        }

        LastReadMessageId = messageId;
        return true;
    }
}
