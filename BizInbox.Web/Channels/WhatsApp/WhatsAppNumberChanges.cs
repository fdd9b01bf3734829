using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// WhatsApp's notice that a customer moved to another number: the contact moves to the new WhatsApp id and number
/// (history stays in their one conversation), and the timeline records it as an activity in the agent's language
/// instead of a bubble with Meta's English text. Later messages from the new number find the same contact.
/// </summary>
/// <remarks>
/// When the new number already belongs to another contact (it wrote before the notice arrived), both stay as they
/// are and the activity is recorded: merging two customers is for a person to decide.
/// </remarks>
internal static class WhatsAppNumberChanges
{
    /// <summary>Applies the notices in the order they were sent; returns which were new (true) or redelivered (false), and the conversations touched.</summary>
    public static async Task<(Dictionary<WhatsAppInboundMessage, bool> Stored, HashSet<long> Touched)> ApplyAsync(
        BizInboxDbContext db, int inboxId, IReadOnlyList<WhatsAppInboundMessage> notices, DateTimeOffset now, CancellationToken ct)
    {
        var stored = new Dictionary<WhatsAppInboundMessage, bool>();
        var touched = new HashSet<long>();
        foreach (var notice in notices.OrderBy(n => n.Timestamp))
        {
            if (await db.Messages.AnyAsync(m => m.ExternalId == notice.Id, ct))
            {
                stored[notice] = false;
                continue;
            }

            var newId = notice.NewWaId!;
            var contact = await FindAsync(db, notice.From, ct) ?? await FindAsync(db, newId, ct);
            if (contact is null)
            {
                contact = Contact.FromWhatsApp(newId, null, now);
                db.Contacts.Add(contact);
            }

            var oldNumber = PhoneNumber.FromWhatsAppId(notice.From)?.E164 ?? contact.Phone ?? "+" + notice.From;
            var holder = await FindAsync(db, newId, ct);
            if (holder is null || holder == contact)
            {
                contact.WhatsAppNumberChanged(newId);
            }

            await db.SaveChangesAsync(ct);
            var conversation = await ConversationIntake.ConversationAsync(db, inboxId, contact, Conversation.SentTime(notice.Timestamp, now), ct);

            var newNumber = PhoneNumber.FromWhatsAppId(newId)?.E164 ?? "+" + newId;
            db.Messages.Add(conversation.CustomerChangedNumber(oldNumber, newNumber, notice.Id, Conversation.SentTime(notice.Timestamp, now)));
            await db.SaveChangesAsync(ct);
            stored[notice] = true;
            touched.Add(conversation.Id);
        }

        return (stored, touched);
    }

    // By the exact WhatsApp id, then by the number behind it among contacts WhatsApp verified (as WhatsAppContacts does).
    private static async Task<Contact?> FindAsync(BizInboxDbContext db, string waId, CancellationToken ct)
    {
        var id = PhoneNumber.WhatsAppIdDigits(waId) ?? waId;
        var byId = await db.Contacts.FirstOrDefaultAsync(c => c.WhatsAppId == id, ct);
        if (byId is not null || PhoneNumber.FromWhatsAppId(id)?.E164 is not { } number)
        {
            return byId;
        }

        return await db.Contacts.Where(c => c.WhatsAppId != null && c.Phone == number).OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
    }
}
