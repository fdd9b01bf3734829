using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels;

/// <summary>An uploaded file of the conversation about to go out, with its caption (null when there is none).</summary>
public sealed record OutgoingAttachment(MediaFile File, MessageContentType Type, string? Caption)
{
    public static async Task<OutgoingAttachment> LoadAsync(BizInboxDbContext db, Conversation conversation, AttachmentDraft draft, CancellationToken ct)
    {
        var file = await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == draft.MediaFileId && f.ConversationId == conversation.Id, ct)
                   ?? throw new DomainException("attachment.missing", "The attachment is gone; add it again.");
        return new OutgoingAttachment(file, MediaRules.StoredOutgoingType(file.MimeType), string.IsNullOrWhiteSpace(draft.Caption) ? null : draft.Caption.Trim());
    }

    /// <summary>The media message, its caption as the text (the file's name when there is none).</summary>
    public ComposedReply ToReply() => new(Caption ?? File.FileName ?? "file", new MessageContent(
        Type,
        MessageContents.Write(new MediaContent(null, File.MimeType, Caption, File.FileName, File.Sha256, File.Size)),
        MediaFileId: File.Id));
}
