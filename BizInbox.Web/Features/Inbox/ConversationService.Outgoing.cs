using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Inbox;

/// <summary>What an agent sends: one of the drafts below.</summary>
public abstract record OutgoingDraft;

/// <summary>Plain text.</summary>
public sealed record TextDraft(string Text) : OutgoingDraft;

/// <summary>A text with up to three reply buttons (WhatsApp only).</summary>
public sealed record ButtonsDraft(string Body, IReadOnlyList<string> Titles) : OutgoingDraft;

/// <summary>A text with a button that opens up to ten rows (WhatsApp only).</summary>
public sealed record ListDraft(string Body, string Button, IReadOnlyList<ListRowDraft> Rows) : OutgoingDraft;

/// <summary>A row of a list draft.</summary>
public sealed record ListRowDraft(string Title, string? Description);

/// <summary>A picture or document uploaded with <see cref="ConversationService.AttachAsync"/> (WhatsApp and web chat).</summary>
public sealed record AttachmentDraft(Guid MediaFileId, string? Caption) : OutgoingDraft;

/// <summary>An approved template with its parameters (WhatsApp only; the one thing allowed outside the 24-hour window).</summary>
public sealed record TemplateDraft(int TemplateId, IReadOnlyList<string> Parameters) : OutgoingDraft;

/// <summary>An uploaded attachment, ready to be sent.</summary>
public sealed record UploadedAttachment(Guid Id, string FileName, string MimeType, long Size, MessageContentType Type);

public sealed partial class ConversationService
{
    /// <summary>Largest attachment an agent may upload: WhatsApp's limit for documents.</summary>
    public const long MaxAttachmentBytes = OutgoingFile.MaxBytes;

    /// <summary>
    /// Stores an agent's attachment for a WhatsApp or web chat conversation, after checking it against WhatsApp's rules
    /// (one set of rules for both, so that a canned reply's file goes out on either).
    /// </summary>
    public async Task<UploadedAttachment> AttachAsync(
        CurrentMember actor, long conversationId, Stream content, string fileName, string mimeType, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var conversation = await LoadAsync(db, conversationId, ct);
            var channel = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => i.Channel).FirstAsync(ct);
            if (channel is not (ChannelType.WhatsApp or ChannelType.WebChat))
            {
                throw new DomainException("channel.unsupported", "This channel does not take this kind of message.");
            }
        }

        var upload = await OutgoingFile.ReadAsync(content, fileName, mimeType, ct);
        var file = await media.SaveAsync(conversationId, upload.Bytes, upload.MimeType, upload.FileName, ct);
        return new UploadedAttachment(file.Id, file.FileName ?? "file", file.MimeType, file.Size, upload.Type);
    }

    /// <summary>Sends a failed or unconfirmed WhatsApp message again, on an agent's word.</summary>
    public async Task RetrySendAsync(CurrentMember actor, long conversationId, long messageId, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.ChannelJobs.Include(j => j.Message)
            .FirstOrDefaultAsync(j => j.MessageId == messageId && j.ConversationId == conversationId && j.Kind == ChannelJobKind.SendMessage, ct)
            ?? throw new DomainException("message.not_retryable", "Only a failed or unconfirmed message can be sent again.");
        if (job.Message!.ContentType != MessageContentType.Template)
        {
            // WhatsApp would refuse it again (131047); outside the window only a template reaches the customer.
            var lastCustomerMessageAt = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.LastCustomerMessageAt).FirstAsync(ct);
            CustomerServiceWindow.RequireOpen(lastCustomerMessageAt, clock.GetUtcNow());
        }

        job.Message.Requeue();
        job.Requeue(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    /// <summary>Fetches a customer's file again after its fetch failed (WhatsApp keeps media for 30 days), on an agent's word.</summary>
    public async Task RetryFetchAsync(CurrentMember actor, long conversationId, long messageId, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.ChannelJobs.Include(j => j.Message)
            .FirstOrDefaultAsync(j => j.MessageId == messageId && j.ConversationId == conversationId && j.Kind == ChannelJobKind.FetchMedia
                                      && j.State == ChannelJobState.Failed, ct)
            ?? throw new DomainException("media.not_refetchable", "Only a file that could not be fetched can be fetched again.");
        job.Message!.MediaRefetching();
        job.Requeue(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    /// <summary>The text kept for the timeline and the rich content for the channel; checks the channel's rules.</summary>
    private static async Task<(string Text, MessageContent? Content)> ComposeAsync(
        BizInboxDbContext db, Conversation conversation, ChannelType channel, OutgoingDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        if (channel != ChannelType.WhatsApp)
        {
            // The web chat shows text and files; buttons, lists and templates are WhatsApp's.
            return draft switch
            {
                TextDraft plain => (plain.Text, null),
                AttachmentDraft file when channel == ChannelType.WebChat => await AttachmentAsync(db, conversation, file, whatsApp: false, ct),
                _ => throw new DomainException("channel.unsupported", "This channel does not take this kind of message."),
            };
        }

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
                return (plain.Text, null);
            case ButtonsDraft buttons:
                var validButtons = Interactive.ValidButtons(buttons.Body, buttons.Titles);
                var body = buttons.Body.Trim();
                return (body, new MessageContent(MessageContentType.Buttons, MessageContents.Write(new ButtonsContent(body, validButtons))));
            case ListDraft list:
                var rows = Interactive.ValidList(list.Body, list.Button, list.Rows.Select(r => (r.Title, r.Description)));
                var listBody = list.Body.Trim();
                return (listBody, new MessageContent(MessageContentType.List, MessageContents.Write(new ListContent(listBody, list.Button.Trim(), rows))));
            case AttachmentDraft attachment:
                return await AttachmentAsync(db, conversation, attachment, whatsApp: true, ct);
            case TemplateDraft templateDraft:
                var template = await db.MessageTemplates.AsNoTracking()
                                   .FirstOrDefaultAsync(t => t.Id == templateDraft.TemplateId && t.InboxId == conversation.InboxId, ct)
                               ?? throw new DomainException("template.not_found", "This template does not exist for this number.");
                if (!template.IsApproved)
                {
                    throw new DomainException("template.not_approved", "Only templates WhatsApp approved can be sent.");
                }

                var rendered = template.Render(templateDraft.Parameters);
                return (rendered, new MessageContent(MessageContentType.Template, MessageContents.Write(new TemplateContent(
                    template.Id, template.Name, template.Language, templateDraft.Parameters.Select(p => p.Trim()).ToList(), template.Parameters))));
            default:
                throw new DomainException("channel.unsupported", "This channel does not take this kind of message.");
        }
    }

    /// <summary>
    /// An uploaded file of this conversation as a media message, its caption as the text (the file's name when there is
    /// none). WhatsApp limits captions to 1,024 characters and takes none on audio; the web chat shows any text with any file.
    /// </summary>
    private static async Task<(string Text, MessageContent Content)> AttachmentAsync(
        BizInboxDbContext db, Conversation conversation, AttachmentDraft attachment, bool whatsApp, CancellationToken ct)
    {
        var file = await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == attachment.MediaFileId && f.ConversationId == conversation.Id, ct)
                   ?? throw new DomainException("attachment.missing", "The attachment is gone; add it again.");
        var fileType = MediaRules.StoredOutgoingType(file.MimeType);
        var caption = string.IsNullOrWhiteSpace(attachment.Caption) ? null : attachment.Caption.Trim();
        if (whatsApp && caption is { Length: > 1024 })
        {
            throw new DomainException("attachment.caption_too_long", "A caption has at most 1024 characters.");
        }

        if (whatsApp && caption is not null && fileType is MessageContentType.Audio or MessageContentType.Voice)
        {
            throw new DomainException("attachment.caption_not_allowed", "WhatsApp sends voice messages and audio without a caption; send the text on its own.");
        }

        return (caption ?? file.FileName ?? "file", new MessageContent(
            fileType,
            MessageContents.Write(new MediaContent(null, file.MimeType, caption, file.FileName, file.Sha256, file.Size)),
            MediaFileId: file.Id));
    }

    /// <summary>On WhatsApp, tells the customer's app that the team read up to their latest message (once per message).</summary>
    private async Task QueueReadReceiptAsync(BizInboxDbContext db, long conversationId, long upToMessageId, CancellationToken ct)
    {
        var conversation = await (from c in db.Conversations
                                  join i in db.Inboxes on c.InboxId equals i.Id
                                  where c.Id == conversationId && i.Channel == ChannelType.WhatsApp
                                  select new { c.Id, c.InboxId }).FirstOrDefaultAsync(ct);
        if (conversation is null)
        {
            return;
        }

        var latest = await db.Messages
            .Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Incoming && m.ExternalId != null && m.Id <= upToMessageId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        if (latest is null || await db.ChannelJobs.AnyAsync(j => j.MessageId == latest.Id && j.Kind == ChannelJobKind.MarkRead, ct))
        {
            return;
        }

        db.ChannelJobs.Add(ChannelJob.For(ChannelJobKind.MarkRead, conversation.InboxId, conversationId, latest, clock.GetUtcNow()));
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
}
