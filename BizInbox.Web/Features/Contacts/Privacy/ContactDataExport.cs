using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using BizInbox.Domain;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Contacts.Import;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts.Privacy;

/// <summary>
/// Everything stored about one contact as a zip (GDPR Art. 15 and 20), for owners and managers: <c>contact.json</c>
/// (machine-readable: record, phone numbers, labels, attributes, consent, activity, notes, every conversation with its
/// messages, the list of media files), <c>messages.csv</c> (the same messages for a spreadsheet) and the media files
/// themselves under <c>media/</c>. Messages and files are streamed into the zip, never held in memory as a whole.
/// </summary>
public sealed class ContactDataExport(IDbContextFactory<BizInboxDbContext> contexts, MediaStore media, TimeProvider clock, AuditLog audit)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    /// <summary>Checks the actor and the contact; call before the response starts, so that a refusal can still be a status code.</summary>
    /// <exception cref="DomainException">Not an owner or manager, or no such contact.</exception>
    public async Task<string> FileNameAsync(CurrentMember actor, Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.TransferContacts, ct);
        if (!await db.Contacts.AnyAsync(c => c.Id == contactId, ct))
        {
            throw new DomainException("contact.not_found", "This contact does not exist (any more).");
        }

        return $"contact-{contactId:N}-{clock.GetUtcNow():yyyy-MM-dd}.zip";
    }

    /// <summary>Writes the zip to <paramref name="output"/> and records the export in the audit log.</summary>
    public async Task WriteAsync(CurrentMember actor, Guid contactId, Stream output, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.TransferContacts, ct);
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Labels).FirstOrDefaultAsync(c => c.Id == contactId, ct)
            ?? throw new DomainException("contact.not_found", "This contact does not exist (any more).");
        var conversations = await (
                from conversation in db.Conversations.AsNoTracking()
                where conversation.ContactId == contactId
                join inbox in db.Inboxes on conversation.InboxId equals inbox.Id
                orderby conversation.CreatedAt, conversation.Id
                select new ExportedConversation(conversation.Id, inbox.Name, inbox.Channel.ToString(), conversation.Status.ToString(), conversation.CreatedAt, conversation.ResolvedAt))
            .ToListAsync(ct);
        var files = await db.MediaFiles.AsNoTracking()
            .Where(f => db.Conversations.Any(c => c.ContactId == contactId && c.Id == f.ConversationId))
            .OrderBy(f => f.CreatedAt).ToListAsync(ct);

        await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            await using (var json = await zip.CreateEntry("contact.json", CompressionLevel.Fastest).OpenAsync(ct))
            {
                await using var writer = new Utf8JsonWriter(json, JsonOptions);
                writer.WriteStartObject();
                writer.WriteString("exportedAt", clock.GetUtcNow());
                await ContactPart.WriteAsync(writer, db, contact, ct);
                await WriteConversationsAsync(writer, db, contact, conversations, ct);
                WriteMediaList(writer, files);
                writer.WriteEndObject();
            }

            await using (var csv = await zip.CreateEntry("messages.csv", CompressionLevel.Fastest).OpenAsync(ct))
            {
                await WriteMessagesCsvAsync(csv, db, contact, conversations, ct);
            }

            foreach (var file in files.Where(media.Exists))
            {
                await using var entry = await zip.CreateEntry(EntryName(file), CompressionLevel.NoCompression).OpenAsync(ct);
                await using var bytes = media.Open(file);
                await bytes.CopyToAsync(entry, ct);
            }
        }

        await audit.RecordAsync(actor, Domain.Audit.AuditAction.ContactExported, contactId.ToString(),
            $"{conversations.Count} conversations, {files.Count} media files", ct);
    }

    private static string EntryName(MediaFile file) => $"media/{file.Id:N}{(file.FileName is { } name ? "-" + name : "")}";

    private static async Task WriteConversationsAsync(
        Utf8JsonWriter writer, BizInboxDbContext db, Contact contact, List<ExportedConversation> conversations, CancellationToken ct)
    {
        writer.WriteStartArray("conversations");
        foreach (var conversation in conversations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", conversation.Id);
            writer.WriteString("inbox", conversation.Inbox);
            writer.WriteString("channel", conversation.Channel);
            writer.WriteString("status", conversation.Status);
            writer.WriteString("startedAt", conversation.CreatedAt);
            WriteInstant(writer, "resolvedAt", conversation.ResolvedAt);
            writer.WriteStartArray("messages");
            await foreach (var message in MessagesOf(db, conversation.Id).WithCancellation(ct))
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", message.Id);
                writer.WriteString("time", message.CreatedAt);
                writer.WriteString("direction", Direction(message));
                writer.WriteString("author", Author(message, contact));
                writer.WriteString("status", message.Delivery.ToString());
                writer.WriteString("type", message.ContentType.ToString());
                writer.WriteString("text", message.Text);
                if (message.Content is { } content)
                {
                    writer.WriteString("content", content);
                }

                if (message.MediaFileId is { } file)
                {
                    writer.WriteString("mediaFileId", file);
                }

                writer.WriteEndObject();
                if (writer.BytesPending > 32 * 1024)
                {
                    await writer.FlushAsync(ct);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
        }

        writer.WriteEndArray();
    }

    private static void WriteMediaList(Utf8JsonWriter writer, List<MediaFile> files)
    {
        writer.WriteStartArray("mediaFiles");
        foreach (var file in files)
        {
            writer.WriteStartObject();
            writer.WriteString("id", file.Id);
            writer.WriteNumber("conversationId", file.ConversationId!.Value);
            writer.WriteString("fileName", file.FileName);
            writer.WriteString("mimeType", file.MimeType);
            writer.WriteNumber("size", file.Size);
            writer.WriteString("sha256", file.Sha256);
            writer.WriteString("createdAt", file.CreatedAt);
            writer.WriteString("pathInZip", EntryName(file));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static async Task WriteMessagesCsvAsync(Stream output, BizInboxDbContext db, Contact contact, List<ExportedConversation> conversations, CancellationToken ct)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await csv.WriteRecordAsync(["Conversation", "Inbox", "Time", "Direction", "Author", "Status", "Text"], ct);
        foreach (var conversation in conversations)
        {
            await foreach (var m in MessagesOf(db, conversation.Id).WithCancellation(ct))
            {
                await csv.WriteRecordAsync([conversation.Id.ToString(CultureInfo.InvariantCulture), conversation.Inbox,
                    m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), Direction(m), Author(m, contact),
                    m.Delivery.ToString(), m.Text], ct);
            }
        }

        await csv.FlushAsync(ct);
    }

    private static IAsyncEnumerable<Message> MessagesOf(BizInboxDbContext db, long conversationId) =>
        db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).AsAsyncEnumerable();

    private static string Direction(Message message) => message.Kind switch
    {
        MessageKind.Incoming => "incoming",
        MessageKind.Outgoing => "outgoing",
        MessageKind.Note => "internal note",
        _ => "activity",
    };

    private static string Author(Message message, Contact contact) => message.Kind switch
    {
        MessageKind.Incoming => contact.Name,
        _ when message.Automatic != AutomaticMessageKind.None => "automatic",
        _ => message.SenderName ?? "",
    };

    internal static void WriteInstant(Utf8JsonWriter writer, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            writer.WriteString(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private sealed record ExportedConversation(long Id, string Inbox, string Channel, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);
}
