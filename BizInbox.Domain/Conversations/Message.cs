namespace BizInbox.Domain.Conversations;

/// <summary>
/// One entry of a conversation's timeline. Messages are their own aggregate (a conversation may have
/// thousands); they are created only by <see cref="Conversation"/>'s methods, which enforce the rules.
/// </summary>
public sealed class Message
{
    /// <summary>Longest text accepted, the same limit as WhatsApp's text messages.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Longest idempotency key accepted (a client's key, or WhatsApp's message id for WhatsApp messages).</summary>
    public const int MaxClientMessageIdLength = 128;

    private Message()
    {
        Text = string.Empty;
    }

    /// <summary>Identifier; increases with time within the database.</summary>
    public long Id { get; private set; }

    /// <summary>The conversation it belongs to.</summary>
    public long ConversationId { get; private set; }

    /// <summary>What it is.</summary>
    public MessageKind Kind { get; private set; }

    /// <summary>The text (for activities, an English rendering kept for exports).</summary>
    public string Text { get; private set; }

    /// <summary>The agent who wrote it or acted (outgoing, note, activity).</summary>
    public string? SenderUserId { get; private set; }

    /// <summary>The agent's name at the time, so history reads right after renames or deletion.</summary>
    public string? SenderName { get; private set; }

    /// <summary>Key the sender generated for this message, so a retried send is stored once.</summary>
    public string? ClientMessageId { get; private set; }

    /// <summary>Delivery of an outgoing message.</summary>
    public DeliveryStatus Delivery { get; private set; }

    /// <summary>Kind of change, for activities.</summary>
    public ActivityKind Activity { get; private set; }

    /// <summary>What the change was about (an agent's name, a label, a priority), for activities.</summary>
    public string? ActivityTarget { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether the customer can ever see it.</summary>
    public bool IsVisibleToCustomer => Kind is MessageKind.Incoming or MessageKind.Outgoing;

    internal static Message Incoming(long conversationId, string text, string? clientMessageId, DateTimeOffset now) =>
        new()
        {
            ConversationId = conversationId,
            Kind = MessageKind.Incoming,
            Text = ValidText(text),
            ClientMessageId = ValidClientId(clientMessageId),
            CreatedAt = now,
        };

    internal static Message Written(long conversationId, MessageKind kind, Team.TeamMember author, string text, string? clientMessageId, DateTimeOffset now) =>
        new()
        {
            ConversationId = conversationId,
            Kind = kind,
            Text = ValidText(text),
            SenderUserId = author.UserId,
            SenderName = author.Name,
            ClientMessageId = ValidClientId(clientMessageId),
            Delivery = kind == MessageKind.Outgoing ? DeliveryStatus.Sent : DeliveryStatus.None,
            CreatedAt = now,
        };

    internal static Message ActivityEntry(long conversationId, ActivityKind activity, Team.TeamMember? actor, string? target, string text, DateTimeOffset now) =>
        new()
        {
            ConversationId = conversationId,
            Kind = MessageKind.Activity,
            Activity = activity,
            ActivityTarget = target,
            SenderUserId = actor?.UserId,
            SenderName = actor?.Name,
            Text = text,
            CreatedAt = now,
        };

    /// <summary>Moves delivery forward; a late, lower status (a "delivered" after "read") is ignored.</summary>
    public bool AdvanceDelivery(DeliveryStatus status)
    {
        if (Kind != MessageKind.Outgoing || status == DeliveryStatus.None)
        {
            return false;
        }

        var ignored = status == DeliveryStatus.Failed
            ? Delivery is DeliveryStatus.Read or DeliveryStatus.Failed
            : status <= Delivery && Delivery != DeliveryStatus.Failed;
        if (ignored)
        {
            return false;
        }

        Delivery = status;
        return true;
    }

    /// <summary>Checks a message text: not blank and at most <see cref="MaxTextLength"/> characters.</summary>
    public static string ValidText(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            throw new DomainException("message.empty", "A message cannot be empty.");
        }

        if (value.Length > MaxTextLength)
        {
            throw new DomainException("message.too_long", $"A message may have at most {MaxTextLength} characters.");
        }

        return value;
    }

    private static string? ValidClientId(string? clientMessageId) =>
        clientMessageId is { Length: > MaxClientMessageIdLength }
            ? throw new DomainException("message.client_id_invalid", "The message key is too long.")
            : clientMessageId;
}
