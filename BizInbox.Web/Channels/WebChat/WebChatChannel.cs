using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// The web chat's replies: text and files, at any time (no window, no templates). A reply is delivered by being
/// committed: <see cref="WebChatRelay"/> passes it to the visitor's open page, and the page fetches what it missed when it
/// comes back. The visitor's page reports what it showed (<see cref="WebChatService.AdvanceDeliveryAsync"/>); the visitor
/// is not told when the team read their messages.
/// </summary>
public sealed class WebChatChannel : IOutboundChannel
{
    private static readonly ComposerOffer Always = new([ReplyKind.Text, ReplyKind.Attachment], ChoosesKind: false, WindowOpen: true, WindowClosesAt: null);

    public ChannelType Kind => ChannelType.WebChat;

    public IReadOnlyList<ReplyKind> Kinds => Always.Kinds;

    public bool QueuesReplies => false;

    public Task<bool> IsDisconnectedAsync(BizInboxDbContext db, int inboxId, CancellationToken ct) => Task.FromResult(false);

    public ComposerOffer Offer(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now) => Always;

    public async Task<ComposedReply> ComposeAsync(BizInboxDbContext db, Conversation conversation, OutgoingDraft draft, DateTimeOffset now, CancellationToken ct) =>
        draft switch
        {
            TextDraft plain => new ComposedReply(plain.Text, null),
            // The page shows any caption with any file.
            AttachmentDraft file => (await OutgoingAttachment.LoadAsync(db, conversation, file, ct)).ToReply(),
            _ => throw new DomainException("channel.unsupported", "This channel does not take this kind of message."),
        };

    public void Enqueue(BizInboxDbContext db, Conversation conversation, Message reply, DateTimeOffset now)
    {
        // Nothing to queue: the committed message is what the relay forwards.
    }

    public void Deliver()
    {
    }

    public Task RequeueAsync(BizInboxDbContext db, Conversation conversation, long messageId, DateTimeOffset now, CancellationToken ct) =>
        throw new DomainException("message.not_retryable", "Only a failed or unconfirmed message can be sent again.");

    public Task SendReadReceiptAsync(BizInboxDbContext db, int inboxId, long conversationId, long upToMessageId, CancellationToken ct) => Task.CompletedTask;
}
