namespace BizInbox.Domain.Conversations;

/// <summary>
/// One entry of a conversation's timeline. Messages are their own aggregate (a conversation may have
/// thousands); they are created only by <see cref="Conversation"/>'s methods, which enforce the rules.
/// </summary>
public sealed class Message : RecordsDomainEvents
{
    /// <summary>Longest text accepted, the same limit as WhatsApp's text messages.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Longest idempotency key accepted (a client's key, or WhatsApp's message id for WhatsApp messages).</summary>
    public const int MaxClientMessageIdLength = 128;

    /// <summary>What an erased contact's messages say instead of their text (see <c>Contact.Erase</c>).</summary>
    public const string ErasedText = "[erased]";

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

    /// <summary>When it was written: for a customer's message the channel's own time of sending, which orders the thread.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it reached BizInbox; later than <see cref="CreatedAt"/> when a channel delivered it late (a retried webhook).</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The ad or post the customer came from, when this message was their tap on it.</summary>
    public AdReferral? Referral { get; private set; }

    /// <summary>The channel's id of the message this one answers (WhatsApp's <c>context.id</c>), if the customer replied to one.</summary>
    public string? ReplyToExternalId { get; private set; }

    /// <summary>What it carries beyond text; <see cref="Content"/> has the details.</summary>
    public MessageContentType ContentType { get; private set; }

    /// <summary>The details of a rich message as JSON (buttons, list rows, media, location...); null for plain text.</summary>
    public string? Content { get; private set; }

    /// <summary>The channel's id of the message (WhatsApp's wamid), for statuses, reactions and replies to it.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Why the channel refused the message (e.g. WhatsApp's error code and title), or could not hand over its file; shown on it.</summary>
    public string? DeliveryError { get; private set; }

    /// <summary>The emoji the customer reacted with, if any.</summary>
    public string? CustomerReaction { get; private set; }

    /// <summary>The stored file of a media message, once it is in the media store.</summary>
    public Guid? MediaFileId { get; private set; }

    /// <summary>Which automatic message this is (no agent wrote it); <see cref="AutomaticMessageKind.None"/> otherwise.</summary>
    public AutomaticMessageKind Automatic { get; private set; }

    /// <summary>Longest error text kept on a message.</summary>
    public const int MaxDeliveryErrorLength = 300;

    /// <summary>Longest reaction kept (an emoji with its modifiers).</summary>
    public const int MaxReactionLength = 32;

    /// <summary>Order of delivery states; a status never moves a message to a lower rank.</summary>
    public static int DeliveryRank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => 1,
        DeliveryStatus.Unconfirmed => 2,
        DeliveryStatus.Sent => 3,
        DeliveryStatus.Delivered => 4,
        DeliveryStatus.Read => 5,
        DeliveryStatus.Played => 6,
        _ => 0,
    };

    /// <summary>Whether the customer can ever see it.</summary>
    public bool IsVisibleToCustomer => Kind is MessageKind.Incoming or MessageKind.Outgoing;

    internal static Message Incoming(
        long conversationId, string text, string? clientMessageId, DateTimeOffset sentAt, DateTimeOffset now, MessageContent? content = null) =>
        new()
        {
            ConversationId = conversationId,
            Kind = MessageKind.Incoming,
            Text = ValidText(text),
            ClientMessageId = ValidClientId(clientMessageId),
            CreatedAt = sentAt,
            ReceivedAt = now,
            ReplyToExternalId = content?.ReplyToExternalId is { Length: > 0 and <= MaxClientMessageIdLength } replyTo ? replyTo : null,
            Referral = content?.Referral,
            ContentType = content?.Type ?? MessageContentType.Text,
            Content = content?.Json,
            ExternalId = ValidClientId(content?.ExternalId),
        };

    internal static Message Written(
        long conversationId, MessageKind kind, Team.TeamMember author, string text, string? clientMessageId, DateTimeOffset now,
        MessageContent? content = null, bool queued = false) =>
        new()
        {
            ConversationId = conversationId,
            Kind = kind,
            Text = ValidText(text),
            SenderUserId = author.UserId,
            SenderName = author.Name,
            ClientMessageId = ValidClientId(clientMessageId),
            Delivery = kind != MessageKind.Outgoing ? DeliveryStatus.None : queued ? DeliveryStatus.Queued : DeliveryStatus.Sent,
            CreatedAt = now,
            ReceivedAt = now,
            ContentType = content?.Type ?? MessageContentType.Text,
            Content = content?.Json,
            MediaFileId = content?.MediaFileId,
        };

    internal static Message AutomaticReply(long conversationId, AutomaticMessageKind automatic, string text, string key, DateTimeOffset now, bool queued) =>
        new()
        {
            ConversationId = conversationId,
            Kind = MessageKind.Outgoing,
            Automatic = automatic,
            Text = ValidText(text),
            ClientMessageId = ValidClientId(key),
            Delivery = queued ? DeliveryStatus.Queued : DeliveryStatus.Sent,
            CreatedAt = now,
            ReceivedAt = now,
            ContentType = MessageContentType.Text,
        };

    /// <summary>The channel accepted the message and named it; delivery moves to sent unless a status got there first.</summary>
    public void Accepted(string externalId)
    {
        ExternalId = ValidClientId(externalId);
        DeliveryError = null;
        if (DeliveryRank(Delivery) < DeliveryRank(DeliveryStatus.Sent))
        {
            Delivery = DeliveryStatus.Sent;
        }

        Updated();
    }

    /// <summary>The channel refused the message for good, or sending was given up; the reason is shown on it.</summary>
    public void SendFailed(string error)
    {
        Delivery = DeliveryStatus.Failed;
        DeliveryError = Truncate(error, MaxDeliveryErrorLength);
        Updated();
    }

    /// <summary>The request left but no answer came back: it may have reached the customer. A status settles it.</summary>
    public void SendUnconfirmed(string reason)
    {
        if (Delivery == DeliveryStatus.Queued)
        {
            Delivery = DeliveryStatus.Unconfirmed;
            DeliveryError = Truncate(reason, MaxDeliveryErrorLength);
            Updated();
        }
    }

    /// <summary>An agent chose to send a failed or unconfirmed message again.</summary>
    public void Requeue()
    {
        if (Delivery is not (DeliveryStatus.Failed or DeliveryStatus.Unconfirmed))
        {
            throw new DomainException("message.not_retryable", "Only a failed or unconfirmed message can be sent again.");
        }

        Delivery = DeliveryStatus.Queued;
        DeliveryError = null;
        Updated();
    }

    /// <summary>The customer reacted to this message; an empty emoji removes the reaction.</summary>
    public void ReactedByCustomer(string emoji)
    {
        var value = (emoji ?? string.Empty).Trim();
        CustomerReaction = value.Length == 0 ? null : Truncate(value, MaxReactionLength);
        Updated();
    }

    /// <summary>The message's media file is now in the media store.</summary>
    public void MediaStored(Guid mediaFileId)
    {
        MediaFileId = mediaFileId;
        DeliveryError = null;
        Updated();
    }

    /// <summary>The message's file could not be fetched; the reason is shown instead of the file.</summary>
    public void MediaFailed(string reason)
    {
        DeliveryError = Truncate(reason, MaxDeliveryErrorLength);
        Updated();
    }

    /// <summary>An agent asked for the customer's file again after its fetch failed: it shows as being fetched.</summary>
    public void MediaRefetching()
    {
        if (Kind != MessageKind.Incoming || MediaFileId is not null || DeliveryError is null)
        {
            throw new DomainException("media.not_refetchable", "Only a file that could not be fetched can be fetched again.");
        }

        DeliveryError = null;
        Updated();
    }

    /// <summary>The channel's id of the message became known (e.g. from a status that carried our reference).</summary>
    public void Identified(string externalId) => ExternalId ??= ValidClientId(externalId);

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
            ReceivedAt = now,
        };

    /// <summary>An activity the channel reported (no agent acted); it carries the channel's id of the notice, so a redelivery is stored once.</summary>
    internal static Message ChannelNotice(long conversationId, ActivityKind activity, string target, string text, string channelMessageId, DateTimeOffset now)
    {
        var entry = ActivityEntry(conversationId, activity, null, target, text, now);
        entry.ClientMessageId = ValidClientId(channelMessageId);
        entry.ExternalId = entry.ClientMessageId;
        return entry;
    }

    /// <summary>
    /// Moves delivery forward; a late, lower status (a "delivered" after "read") is ignored. A failure carries
    /// the channel's reason; once the message reached the customer's device a failure no longer moves the tick back,
    /// its reason is kept and shown as a problem reported after delivery.
    /// </summary>
    public bool AdvanceDelivery(DeliveryStatus status, string? error = null)
    {
        if (Kind != MessageKind.Outgoing || status is DeliveryStatus.None or DeliveryStatus.Queued or DeliveryStatus.Unconfirmed)
        {
            return false;
        }

        if (status == DeliveryStatus.Failed && Delivery is DeliveryStatus.Delivered or DeliveryStatus.Read or DeliveryStatus.Played)
        {
            var reason = Truncate(error ?? "The channel reported a problem after delivery.", MaxDeliveryErrorLength);
            if (DeliveryError == reason)
            {
                return false;
            }

            DeliveryError = reason;
            Updated();
            return true;
        }

        var ignored = status == DeliveryStatus.Failed
            ? Delivery is DeliveryStatus.Failed
            : DeliveryRank(status) <= DeliveryRank(Delivery) && Delivery != DeliveryStatus.Failed;
        if (ignored)
        {
            return false;
        }

        var reportedAfterDelivery = DeliveryRank(Delivery) >= DeliveryRank(DeliveryStatus.Delivered) ? DeliveryError : null;
        Delivery = status;
        DeliveryError = status == DeliveryStatus.Failed ? Truncate(error ?? "The channel did not deliver the message.", MaxDeliveryErrorLength) : reportedAfterDelivery;
        Updated();
        return true;
    }

    private void Updated() => Raise(new MessageUpdated(ConversationId));

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

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
