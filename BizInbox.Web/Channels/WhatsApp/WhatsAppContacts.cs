using BizInbox.Domain.Contacts;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Finds or creates the contact behind each WhatsApp id. One person is one contact even when Meta reports them under
/// another wa_id for the same number (Mexico's 521/52, Brazil's 8/9-digit mobiles; see <see cref="PhoneNumber.FromWhatsAppId"/>):
/// the exact wa_id is looked up first (unique index), then the E.164 number behind it (index on Phone) among contacts
/// that WhatsApp already verified. A number typed by a web chat visitor or an agent is not linked automatically: it
/// proves nothing, so it is left to the duplicate suggestions.
/// </summary>
internal static class WhatsAppContacts
{
    /// <summary>The contacts for <paramref name="waIds"/>, keyed by wa_id as given; new ones are added to <paramref name="db"/>, not saved.</summary>
    public static async Task<Dictionary<string, Contact>> FindOrAddAsync(
        BizInboxDbContext db, IEnumerable<(string WaId, string? ProfileName)> senders, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = senders.GroupBy(s => s.WaId).ToDictionary(g => g.Key, g => g.Select(s => s.ProfileName).FirstOrDefault(n => n is not null));
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
}
