using System.Data.Common;
using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels;

/// <summary>
/// Finds or creates the contact and the conversation a customer's message lands in, for every channel. A contact has
/// one conversation per inbox and a WhatsApp id belongs to one contact (unique indexes), so two first messages at the
/// same moment cannot make two: the one that loses the race gets a <see cref="DbUpdateException"/>, and
/// <see cref="RetryAsync{T}"/> runs its unit of work again, which then finds what the winner created.
/// </summary>
public static class ConversationIntake
{
    /// <summary>A customer's message is never dropped for a race: it is stored again as things now are, as often as it takes within reason.</summary>
    public const int Attempts = 10;

    /// <summary>
    /// The contacts behind WhatsApp senders, keyed by wa_id as given; new ones are added to <paramref name="db"/>, not
    /// saved. One person is one contact even when Meta reports them under another wa_id for the same number (Mexico's
    /// 521/52, Brazil's 8/9-digit mobiles; see <see cref="PhoneNumber.FromWhatsAppId"/>): the exact wa_id is looked up
    /// first, then the E.164 number behind it among contacts that WhatsApp already verified. A number typed by a web chat
    /// visitor or an agent proves nothing, so it is left to the duplicate suggestions.
    /// </summary>
    public static async Task<Dictionary<string, Contact>> WhatsAppContactsAsync(
        BizInboxDbContext db, IEnumerable<(string WaId, string? ProfileName)> senders, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = senders.GroupBy(s => s.WaId).ToDictionary(g => g.Key, g => g.Select(s => s.ProfileName).FirstOrDefault(n => n is not null));
        if (wanted.Count == 0)
        {
            return [];
        }

        var ids = wanted.Keys.ToDictionary(raw => raw, raw => PhoneNumber.WhatsAppIdDigits(raw) ?? raw);
        var idList = ids.Values.Distinct().ToList();
        var byId = await db.Contacts.Where(c => c.WhatsAppId != null && idList.Contains(c.WhatsAppId)).ToDictionaryAsync(c => c.WhatsAppId!, ct);
        var missing = idList.Where(id => !byId.ContainsKey(id)).Select(id => (WaId: id, Number: PhoneNumber.FromWhatsAppId(id)?.E164 ?? "+" + id)).ToList();
        if (missing.Count > 0)
        {
            var numbers = missing.Select(m => m.Number).Distinct().ToList();
            var byNumber = (await db.Contacts.Where(c => c.WhatsAppId != null && c.Phone != null && numbers.Contains(c.Phone)).ToListAsync(ct))
                .GroupBy(c => c.Phone!).ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).First());
            foreach (var (waId, number) in missing)
            {
                if (!byNumber.TryGetValue(number, out var contact))
                {
                    contact = Contact.FromWhatsApp(waId, wanted.First(w => ids[w.Key] == waId).Value, now);
                    db.Contacts.Add(contact);
                    byNumber[number] = contact;
                }
                else
                {
                    contact.WhatsAppIdChanged(waId);
                }

                byId[waId] = contact;
            }
        }

        var found = ids.ToDictionary(pair => pair.Key, pair => byId[pair.Value]);
        foreach (var (raw, contact) in found)
        {
            contact.WhatsAppProfileSeen(wanted[raw]);
        }

        return found;
    }

    /// <summary>
    /// The conversation of each contact in each inbox; the missing ones are started (closed for a blocked contact) and
    /// saved at once, for their ids.
    /// </summary>
    public static async Task<Dictionary<(Guid ContactId, int InboxId), Conversation>> ConversationsAsync(
        BizInboxDbContext db, IEnumerable<(int InboxId, Contact Contact, DateTimeOffset StartedAt)> wanted, CancellationToken ct)
    {
        var list = wanted.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var contactIds = list.Select(w => w.Contact.Id).Distinct().ToList();
        var inboxIds = list.Select(w => w.InboxId).Distinct().ToList();
        var found = (await db.Conversations.Where(c => contactIds.Contains(c.ContactId) && inboxIds.Contains(c.InboxId)).ToListAsync(ct))
            .ToDictionary(c => (c.ContactId, c.InboxId));
        var started = false;
        foreach (var (inboxId, contact, startedAt) in list)
        {
            if (!found.ContainsKey((contact.Id, inboxId)))
            {
                var conversation = Conversation.Start(inboxId, contact.Id, startedAt, contact.IsBlocked);
                db.Conversations.Add(conversation);
                found[(contact.Id, inboxId)] = conversation;
                started = true;
            }
        }

        if (started)
        {
            await db.SaveChangesAsync(ct);
        }

        return found;
    }

    /// <summary>The conversation of <paramref name="contact"/> in <paramref name="inboxId"/>, started (and saved) if there is none.</summary>
    public static async Task<Conversation> ConversationAsync(
        BizInboxDbContext db, int inboxId, Contact contact, DateTimeOffset startedAt, CancellationToken ct) =>
        (await ConversationsAsync(db, [(inboxId, contact, startedAt)], ct))[(contact.Id, inboxId)];

    /// <summary>
    /// Runs <paramref name="attempt"/> (a whole unit of work on a fresh context) again after a lost race: a unique index
    /// refused a contact, conversation or message that a concurrent writer stored first, or the conversation changed
    /// meanwhile, or the database ended it as a deadlock's victim. Anything else is no race and fails at once.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, int attempts = Attempts)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (tried < attempts && (ex is DbUpdateException || IsTransient(ex)))
            {
            }
        }
    }

    /// <summary>
    /// Whether the database refused the unit of work for the moment only (PostgreSQL: a deadlock or serialization failure
    /// between two writers), so that running it again can succeed.
    /// </summary>
    public static bool IsTransient(Exception ex) =>
        ex is DbException { IsTransient: true } or DbException { SqlState: "40P01" or "40001" } || (ex.InnerException is { } inner && IsTransient(inner));
}
