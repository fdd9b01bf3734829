using System.Security.Cryptography;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>A file on a message as the customer's widget shows it: a picture inline, anything else as a download.</summary>
public sealed record WebChatFile(string Name, string MimeType, long Size, bool IsImage, string Url);

/// <summary>
/// The files of a visitor's conversation, for the visitor's eyes. A widget sends no cookie the app could trust (it
/// runs on the business's website, where browsers drop third-party cookies), so each file's address carries a ticket:
/// signed, naming the file and the visitor it was handed to. A ticket opens only its own file, and only while that
/// file is on a message the visitor may see in their own conversation (never a note's, never an upload not yet sent).
/// </summary>
public sealed class WebChatFiles(IDbContextFactory<BizInboxDbContext> contexts, IDataProtectionProvider protection)
{
    public const string Path = "/chat/files";

    private readonly IDataProtector _tickets = protection.CreateProtector("BizInbox.WebChat.File.v1");

    /// <summary>The widget's address of <paramref name="file"/> for <paramref name="visitor"/>.</summary>
    public WebChatFile For(WebChatVisitor visitor, MediaFile file)
    {
        var ticket = _tickets.Protect($"{file.Id:N}|{visitor.ContactId:N}|{visitor.InboxId}");
        var isImage = MediaRules.StoredOutgoingType(file.MimeType) == MessageContentType.Image;
        return new WebChatFile(file.FileName ?? "file", file.MimeType, file.Size, isImage, $"{Path}/{file.Id:N}?access={Uri.EscapeDataString(ticket)}");
    }

    /// <summary>The visitor a ticket was handed to and the file it names; null when it is missing or not genuine.</summary>
    public (WebChatVisitor Visitor, Guid FileId)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            var parts = _tickets.Unprotect(ticket).Split('|');
            return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var fileId)
                   && Guid.TryParseExact(parts[1], "N", out var contactId) && int.TryParse(parts[2], out var inboxId)
                ? (new WebChatVisitor(contactId, inboxId), fileId)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// The file if it is on a message <paramref name="visitor"/> sees (their own or the team's reply) in their
    /// conversation of that inbox; null for anyone else's file, a note's, or one not sent yet.
    /// </summary>
    public async Task<MediaFile?> FindAsync(WebChatVisitor visitor, Guid fileId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var visible = await (from m in db.Messages
                             join c in db.Conversations on m.ConversationId equals c.Id
                             where m.MediaFileId == fileId && c.ContactId == visitor.ContactId && c.InboxId == visitor.InboxId
                                   && (m.Kind == MessageKind.Incoming || m.Kind == MessageKind.Outgoing)
                             select m.Id).AnyAsync(ct);
        return visible ? await db.MediaFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) : null;
    }
}
