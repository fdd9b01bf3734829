using System.Globalization;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

public sealed record IngestResult(int Stored, int Duplicates);

/// <summary>
/// Stores customers' WhatsApp messages exactly once: by WhatsApp's message id (wamid), per conversation, backed
/// by unique indexes so that a webhook delivered twice, even at the same moment, leaves one message.
/// </summary>
public sealed class WhatsAppIngest(IDbContextFactory<BizInboxDbContext> contexts, IInboxEventBus bus, TimeProvider clock)
{
    public async Task<IngestResult> IngestAsync(int inboxId, WhatsAppChange change, CancellationToken ct = default)
    {
        var names = change.Contacts.GroupBy(c => c.WaId).ToDictionary(g => g.Key, g => g.First().Name);
        int stored = 0, duplicates = 0;
        foreach (var message in change.Messages)
        {
            if (await StoreAsync(inboxId, message, names.GetValueOrDefault(message.From), ct))
            {
                stored++;
            }
            else
            {
                duplicates++;
            }
        }

        return new IngestResult(stored, duplicates);
    }

    private async Task<bool> StoreAsync(int inboxId, WhatsAppInboundMessage message, string? profileName, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var contact = await ContactAsync(db, message.From, profileName, now, ct);
        var conversation = await ConversationAsync(db, inboxId, contact.Id, now, ct);
        if (await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id && m.ClientMessageId == message.Id, ct))
        {
            return false;
        }

        db.Messages.AddRange(conversation.ReceiveFromCustomer(Summary(message), message.Id, now));
        contact.Seen(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false; // the same wamid was stored by a concurrent delivery
        }

        bus.Publish(new InboxChange(ChangeKind.MessageAdded, conversation.Id, inboxId, Flag: true),
            Topics.Conversation(conversation.Id), Topics.Inbox(inboxId), Topics.AllInboxes);
        return true;
    }

    private static async Task<Contact> ContactAsync(BizInboxDbContext db, string waId, string? profileName, DateTimeOffset now, CancellationToken ct)
    {
        var normalized = PhoneNumber.Normalize(waId) ?? waId;
        var existing = await db.Contacts.FirstOrDefaultAsync(c => c.WhatsAppId == normalized, ct);
        if (existing is not null)
        {
            existing.WhatsAppProfileSeen(profileName);
            return existing;
        }

        var contact = Contact.FromWhatsApp(waId, profileName, now);
        db.Contacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(ct);
            return contact;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Contacts.FirstAsync(c => c.WhatsAppId == normalized, ct);
        }
    }

    private static async Task<Conversation> ConversationAsync(BizInboxDbContext db, int inboxId, Guid contactId, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Conversations.FirstOrDefaultAsync(c => c.ContactId == contactId && c.InboxId == inboxId, ct);
        if (existing is not null)
        {
            return existing;
        }

        var conversation = Conversation.Start(inboxId, contactId, now);
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
            return conversation;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Conversations.FirstAsync(c => c.ContactId == contactId && c.InboxId == inboxId, ct);
        }
    }

    /// <summary>
    /// The text stored for the timeline. Rich types (media files, reactions on their message, orders) get their own
    /// presentation with the WhatsApp channel's next steps; until then nothing a customer sent is dropped.
    /// </summary>
    internal static string Summary(WhatsAppInboundMessage m)
    {
        var text = m.Type switch
        {
            WhatsAppMessageType.Text => m.Text,
            WhatsAppMessageType.Image or WhatsAppMessageType.Video or WhatsAppMessageType.Document or WhatsAppMessageType.Sticker
                or WhatsAppMessageType.Audio or WhatsAppMessageType.Voice =>
                $"[{m.Type}] {m.Media?.Caption ?? m.Media?.FileName}".Trim(),
            WhatsAppMessageType.Location => string.Create(CultureInfo.InvariantCulture,
                $"[Location] {m.Location!.Name} {m.Location.Address} ({m.Location.Latitude:0.#####}, {m.Location.Longitude:0.#####})").Replace("  ", " ", StringComparison.Ordinal),
            WhatsAppMessageType.Contacts => "[Contacts] " + string.Join("; ", m.SharedContacts.Select(c => $"{c.Name} {string.Join(", ", c.Phones)}".Trim())),
            WhatsAppMessageType.ButtonReply or WhatsAppMessageType.ListReply or WhatsAppMessageType.TemplateButton => $"[{m.Type}] {m.Choice?.Title}",
            WhatsAppMessageType.Reaction => m.Reaction!.Emoji.Length > 0 ? $"[Reaction] {m.Reaction.Emoji}" : "[Reaction removed]",
            WhatsAppMessageType.Order => $"[Order] {string.Join(", ", m.OrderItems.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Quantity} × {i.ProductId} ({i.ItemPrice:0.00} {i.Currency})")))} {m.Text}".Trim(),
            WhatsAppMessageType.System => $"[System] {m.Text}",
            _ => $"[Unsupported message type: {m.RawType}]",
        };
        text = string.IsNullOrWhiteSpace(text) ? $"[{m.Type}]" : text;
        return text.Length <= Message.MaxTextLength ? text : text[..Message.MaxTextLength];
    }
}
