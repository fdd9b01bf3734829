using BizInbox.Domain.Contacts;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Contacts;

/// <summary>What "save as contact" did with a shared card: the contact it made, or the one that already has its number or email.</summary>
public sealed record SavedCard(Guid ContactId, bool AlreadyKnown);

public sealed partial class ContactService
{
    /// <summary>
    /// Saves a contact card a customer shared, on an agent's word (a card never becomes a contact by itself): its name,
    /// first usable phone number (a WhatsApp id Meta reported first, then numbers written with their country code), first
    /// plausible email and company. A contact that already has one of its numbers or its email is not duplicated.
    /// </summary>
    public async Task<SavedCard> SaveCardAsync(CurrentMember actor, SharedContact card, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.SeeContacts, ct);
        var phones = (card.PhoneDetails ?? [])
            .Select(p => PhoneNumber.FromWhatsAppId(p.WaId) ?? (PhoneNumber.TryParse(p.Phone, null, out var n, out _) ? n : null))
            .Concat(card.Phones.Select(p => PhoneNumber.TryParse(p, null, out var n, out _) ? n : null))
            .OfType<PhoneNumber>().Select(n => n.E164).Distinct().ToList();
        var waIds = phones.Select(p => p[1..]).ToList();
        var email = (card.Emails ?? []).Select(e => e.Value.Trim()).FirstOrDefault(EmailAddress.IsPlausible);
        var known = await db.Contacts.AsNoTracking()
            .Where(c => (c.Phone != null && phones.Contains(c.Phone)) || (c.WhatsAppId != null && waIds.Contains(c.WhatsAppId))
                        || (email != null && c.Email == email))
            .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (known is { } id)
        {
            return new SavedCard(id, AlreadyKnown: true);
        }

        var name = Cut(card.Name, Contact.MaxNameLength) is { Length: > 0 } given ? given : phones.FirstOrDefault() ?? email ?? "?";
        var contact = Contact.Create(name, email, phones.FirstOrDefault(), clock.GetUtcNow());
        contact.UpdateRecord(name, email, phones.FirstOrDefault(), Cut(card.Company, Contact.MaxCompanyLength), null);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return new SavedCard(contact.Id, AlreadyKnown: false);
    }

    private static string? Cut(string? text, int length) => text?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, length)] : null;
}
