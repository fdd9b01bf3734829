using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using BizInbox.Web.Features.CannedReplies;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Inbox;

public sealed partial class ConversationService
{
    /// <summary>Largest attachment an agent may upload: WhatsApp's limit for documents.</summary>
    public const long MaxAttachmentBytes = OutgoingFile.MaxBytes;

    /// <summary>A copy of a canned reply's file in the conversation, as the composer's own attachment (for a WhatsApp or web chat reply).</summary>
    public async Task<UploadedAttachment> AttachAsync(CurrentMember actor, long conversationId, CannedReplyFile file, CancellationToken ct = default)
    {
        await using var content = media.Open(file.File);
        return await AttachAsync(actor, conversationId, content, file.File.FileName ?? "file", file.File.MimeType, ct);
    }

    /// <summary>
    /// Stores an agent's attachment for a conversation whose channel takes files, after checking it against WhatsApp's
    /// rules (one set of rules for every channel, so that a canned reply's file goes out on any).
    /// </summary>
    public async Task<UploadedAttachment> AttachAsync(
        CurrentMember actor, long conversationId, Stream content, string fileName, string mimeType, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var conversation = await LoadAsync(db, conversationId, ct);
            if (!(await ChannelOfAsync(db, conversation.InboxId, ct)).Kinds.Contains(ReplyKind.Attachment))
            {
                throw new DomainException("channel.unsupported", "This channel does not take this kind of message.");
            }
        }

        await using var upload = await OutgoingFile.ReadAsync(content, fileName, mimeType, ct);
        var file = await media.SaveAsync(conversationId, upload.Content, upload.MimeType, upload.FileName, ct);
        return new UploadedAttachment(file.Id, file.FileName ?? "file", file.MimeType, file.Size, upload.Type);
    }

    /// <summary>Sends a failed or unconfirmed message again, on an agent's word, if its channel would take it now.</summary>
    public async Task RetrySendAsync(CurrentMember actor, long conversationId, long messageId, CancellationToken ct = default)
    {
        await actor.RequireAsync(TeamRight.WorkInInbox, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var conversation = await LoadAsync(db, conversationId, ct);
        var channel = await ChannelOfAsync(db, conversation.InboxId, ct);
        await channel.RequeueAsync(db, conversation, messageId, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        channel.Deliver();
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

    /// <summary>The outbound channel of an inbox.</summary>
    private async Task<IOutboundChannel> ChannelOfAsync(BizInboxDbContext db, int inboxId, CancellationToken ct) =>
        channels.For(await db.Inboxes.Where(i => i.Id == inboxId).Select(i => i.Channel).FirstAsync(ct));

    /// <summary>Lets the customer know the team read up to <paramref name="upToMessageId"/>, where their channel tells them.</summary>
    private async Task SendReadReceiptAsync(BizInboxDbContext db, long conversationId, long upToMessageId, CancellationToken ct)
    {
        var conversation = await (from c in db.Conversations
                                  join i in db.Inboxes on c.InboxId equals i.Id
                                  where c.Id == conversationId
                                  select new { c.InboxId, i.Channel }).FirstOrDefaultAsync(ct);
        if (conversation is not null)
        {
            await channels.For(conversation.Channel).SendReadReceiptAsync(db, conversation.InboxId, conversationId, upToMessageId, ct);
        }
    }
}
