namespace BizInbox.Domain.Conversations;

/// <summary>Whether a draft is meant for the customer or is a private note for the team.</summary>
public enum DraftMode
{
    /// <summary>A reply the customer will read.</summary>
    Reply,
    /// <summary>A private note only the team sees.</summary>
    Note,
}

/// <summary>
/// What an agent has written in a conversation and not sent yet; one per agent and conversation, so that it
/// survives switching conversations, a reload, a dropped connection and a server restart.
/// </summary>
public sealed class Draft
{
    /// <summary>A little more than a message may have, so that an over-long text is kept until the agent shortens it.</summary>
    public const int MaxTextLength = Message.MaxTextLength + 100;

    private Draft()
    {
        UserId = string.Empty;
        Text = string.Empty;
    }

    /// <summary>The agent who is writing; nobody else sees the draft.</summary>
    public string UserId { get; private set; }

    /// <summary>The conversation it is written in.</summary>
    public long ConversationId { get; private set; }

    /// <summary>The text as the agent left it, never blank.</summary>
    public string Text { get; private set; }

    /// <summary>Reply or private note, as the composer was set.</summary>
    public DraftMode Mode { get; private set; }

    /// <summary>When the text was last stored.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Keeps the first text an agent leaves in a conversation.</summary>
    public static Draft Start(string userId, long conversationId, string text, DraftMode mode, DateTimeOffset now)
    {
        var draft = new Draft { UserId = userId, ConversationId = conversationId };
        draft.Update(text, mode, now);
        return draft;
    }

    /// <summary>Replaces the text; a blank text is an error because a blank draft is discarded instead.</summary>
    public void Update(string text, DraftMode mode, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("draft.empty", "An empty draft is discarded, not kept.");
        }

        if (text.Length > MaxTextLength)
        {
            throw new DomainException("draft.too_long", $"A draft may have at most {MaxTextLength} characters.");
        }

        Text = text;
        Mode = mode;
        UpdatedAt = now;
    }
}
