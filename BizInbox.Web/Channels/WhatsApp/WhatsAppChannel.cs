using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// WhatsApp's replies: text, reply buttons, lists, files and approved templates. Inside the customer's 24-hour window
/// any of them; outside it only a template. A reply is queued in the outbox with the message (one transaction) and leaves
/// when the channel job worker takes it; reading a customer's message queues a read receipt the same way.
/// </summary>
public sealed class WhatsAppChannel(ChannelJobSignal outbox, TimeProvider clock) : IOutboundChannel
{
    /// <summary>WhatsApp's limit for a caption.</summary>
    public const int MaxCaptionLength = 1024;

    private static readonly IReadOnlyList<ReplyKind> TemplatesOnly = [ReplyKind.Template];

    public ChannelType Kind => ChannelType.WhatsApp;

    public IReadOnlyList<ReplyKind> Kinds { get; } = [ReplyKind.Text, ReplyKind.Buttons, ReplyKind.List, ReplyKind.Attachment, ReplyKind.Template];

    public bool QueuesReplies => true;

    /// <summary>Disconnected once its number's connection was removed (the conversations stay).</summary>
    public async Task<bool> IsDisconnectedAsync(BizInboxDbContext db, int inboxId, CancellationToken ct) =>
        !await db.WhatsAppConnections.AnyAsync(w => w.InboxId == inboxId, ct);

    public ComposerOffer Offer(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        var open = CustomerServiceWindow.IsOpen(lastCustomerMessageAt, now);
        return new ComposerOffer(open ? Kinds : TemplatesOnly, ChoosesKind: true, open, CustomerServiceWindow.ClosesAt(lastCustomerMessageAt));
    }

    public async Task<ComposedReply> ComposeAsync(BizInboxDbContext db, Conversation conversation, OutgoingDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WhatsAppConnections.AnyAsync(w => w.InboxId == conversation.InboxId, ct))
        {
            throw new DomainException("whatsapp.disconnected", "This WhatsApp number is disconnected; the conversation can be read but not answered.");
        }

        if (draft is not TemplateDraft)
        {
            CustomerServiceWindow.RequireOpen(conversation.LastCustomerMessageAt, now);
        }

        switch (draft)
        {
            case TextDraft plain:
                return new ComposedReply(plain.Text, null);
            case ButtonsDraft buttons:
                var validButtons = Interactive.ValidButtons(buttons.Body, buttons.Titles);
                var body = buttons.Body.Trim();
                return new ComposedReply(body, new MessageContent(MessageContentType.Buttons, MessageContents.Write(new ButtonsContent(body, validButtons))));
            case ListDraft list:
                var rows = Interactive.ValidList(list.Body, list.Button, list.Rows.Select(r => (r.Title, r.Description)));
                var listBody = list.Body.Trim();
                return new ComposedReply(listBody, new MessageContent(MessageContentType.List, MessageContents.Write(new ListContent(listBody, list.Button.Trim(), rows))));
            case AttachmentDraft attachment:
                return Checked(await OutgoingAttachment.LoadAsync(db, conversation, attachment, ct)).ToReply();
            case TemplateDraft template:
                return await TemplateAsync(db, conversation, template, ct);
            default:
                throw new DomainException("channel.unsupported", "This channel does not take this kind of message.");
        }
    }

    public void Enqueue(BizInboxDbContext db, Conversation conversation, Message reply, DateTimeOffset now) =>
        db.ChannelJobs.Add(ChannelJob.For(ChannelJobKind.SendMessage, conversation.InboxId, conversation.Id, reply, now));

    public void Deliver() => outbox.Wake();

    public async Task RequeueAsync(BizInboxDbContext db, Conversation conversation, long messageId, DateTimeOffset now, CancellationToken ct)
    {
        var job = await db.ChannelJobs.Include(j => j.Message)
                      .FirstOrDefaultAsync(j => j.MessageId == messageId && j.ConversationId == conversation.Id && j.Kind == ChannelJobKind.SendMessage, ct)
                  ?? throw new DomainException("message.not_retryable", "Only a failed or unconfirmed message can be sent again.");
        if (job.Message!.ContentType != MessageContentType.Template)
        {
            // WhatsApp would refuse it again (131047); outside the window only a template reaches the customer.
            CustomerServiceWindow.RequireOpen(conversation.LastCustomerMessageAt, now);
        }

        job.Message.Requeue();
        job.Requeue(now);
    }

    /// <summary>Tells the customer's app that the team read up to their latest message (once per message).</summary>
    public async Task SendReadReceiptAsync(BizInboxDbContext db, int inboxId, long conversationId, long upToMessageId, CancellationToken ct)
    {
        var latest = await db.Messages
            .Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Incoming && m.ExternalId != null && m.Id <= upToMessageId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        if (latest is null || await db.ChannelJobs.AnyAsync(j => j.MessageId == latest.Id && j.Kind == ChannelJobKind.MarkRead, ct))
        {
            return;
        }

        db.ChannelJobs.Add(ChannelJob.For(ChannelJobKind.MarkRead, inboxId, conversationId, latest, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            outbox.Wake();
        }
        catch (DbUpdateException)
        {
            // Another agent opened it at the same moment: one receipt is queued.
        }
    }

    /// <summary>WhatsApp limits captions to 1,024 characters and takes none on audio.</summary>
    private static OutgoingAttachment Checked(OutgoingAttachment attachment)
    {
        if (attachment.Caption is { Length: > MaxCaptionLength })
        {
            throw new DomainException("attachment.caption_too_long", "A caption has at most 1024 characters.");
        }

        if (attachment.Caption is not null && attachment.Type is MessageContentType.Audio or MessageContentType.Voice)
        {
            throw new DomainException("attachment.caption_not_allowed", "WhatsApp sends voice messages and audio without a caption; send the text on its own.");
        }

        return attachment;
    }

    private static async Task<ComposedReply> TemplateAsync(BizInboxDbContext db, Conversation conversation, TemplateDraft draft, CancellationToken ct)
    {
        var template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == draft.TemplateId && t.InboxId == conversation.InboxId, ct)
                       ?? throw new DomainException("template.not_found", "This template does not exist for this number.");
        if (!template.IsApproved)
        {
            throw new DomainException("template.not_approved", "Only templates WhatsApp approved can be sent.");
        }

        var rendered = template.Render(draft.Parameters);
        return new ComposedReply(rendered, new MessageContent(MessageContentType.Template, MessageContents.Write(new TemplateContent(
            template.Id, template.Name, template.Language, draft.Parameters.Select(p => p.Trim()).ToList(), template.Parameters))));
    }
}
