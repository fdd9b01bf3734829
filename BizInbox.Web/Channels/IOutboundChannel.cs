using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;

namespace BizInbox.Web.Channels;

/// <summary>
/// How replies leave on one kind of channel (as Chatwoot's <c>SendOn&lt;Channel&gt;Service</c>): which kinds of reply it
/// takes and when, how a draft becomes its message, how a stored reply is delivered, and whether the customer hears that
/// the team read their message. The inbox asks the conversation's channel (<see cref="ConversationChannels"/>) instead of
/// knowing each channel's rules.
/// </summary>
public interface IOutboundChannel
{
    ChannelType Kind { get; }

    /// <summary>Every kind of reply the channel takes, when its rules allow.</summary>
    IReadOnlyList<ReplyKind> Kinds { get; }

    /// <summary>Whether a stored reply waits for the channel to confirm it (shown as queued) rather than being there at once.</summary>
    bool QueuesReplies { get; }

    /// <summary>Whether the inbox lost its connection to the channel: its conversations stay readable but cannot be answered.</summary>
    Task<bool> IsDisconnectedAsync(BizInboxDbContext db, int inboxId, CancellationToken ct);

    /// <summary>What the composer may offer now, given when the customer last wrote.</summary>
    ComposerOffer Offer(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now);

    /// <summary>The channel's message for a draft; a <see cref="Domain.DomainException"/> when the channel's rules refuse it.</summary>
    Task<ComposedReply> ComposeAsync(BizInboxDbContext db, Conversation conversation, OutgoingDraft draft, DateTimeOffset now, CancellationToken ct);

    /// <summary>Adds the reply's delivery to the unit of work that stores it, so that both are committed or neither.</summary>
    void Enqueue(BizInboxDbContext db, Conversation conversation, Message reply, DateTimeOffset now);

    /// <summary>After the commit: starts delivering what <see cref="Enqueue"/> added.</summary>
    void Deliver();

    /// <summary>Puts a failed or unconfirmed reply back for delivery (not yet saved); refuses what the channel would refuse again.</summary>
    Task RequeueAsync(BizInboxDbContext db, Conversation conversation, long messageId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Tells the customer that the team read up to <paramref name="upToMessageId"/>, where the channel has read receipts.</summary>
    Task SendReadReceiptAsync(BizInboxDbContext db, int inboxId, long conversationId, long upToMessageId, CancellationToken ct);
}
