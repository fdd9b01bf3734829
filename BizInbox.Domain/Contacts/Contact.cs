using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>A customer: one record, whatever channel they write from.</summary>
public sealed class Contact
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest phone number accepted (E.164 allows 15 digits; formatting adds some).</summary>
    public const int MaxPhoneLength = 32;

    private Contact()
    {
        Name = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The name the customer gave or the channel reported.</summary>
    public string Name { get; private set; }

    /// <summary>Optional email address.</summary>
    public string? Email { get; private set; }

    /// <summary>Optional phone number, as given.</summary>
    public string? Phone { get; private set; }

    /// <summary>The customer's WhatsApp id (their number in international digits), when they wrote on WhatsApp.</summary>
    public string? WhatsAppId { get; private set; }

    /// <summary>When the record was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the customer last wrote or was online.</summary>
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>Creates a contact after validating name, email and phone.</summary>
    public static Contact Create(string name, string? email, string? phone, DateTimeOffset now)
    {
        var contact = new Contact { Id = Guid.NewGuid(), CreatedAt = now, LastSeenAt = now };
        contact.UpdateDetails(name, email, phone);
        return contact;
    }

    /// <summary>Replaces name, email and phone.</summary>
    public void UpdateDetails(string name, string? email, string? phone)
    {
        var trimmedName = (name ?? string.Empty).Trim();
        if (trimmedName.Length == 0)
        {
            throw new DomainException("contact.name_required", "Please enter a name.");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            throw new DomainException("contact.name_too_long", $"The name may have at most {MaxNameLength} characters.");
        }

        var trimmedEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (trimmedEmail is not null && !EmailAddress.IsPlausible(trimmedEmail))
        {
            throw new DomainException("contact.email_invalid", "The email address is not valid.");
        }

        var trimmedPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (trimmedPhone is not null && (trimmedPhone.Length > MaxPhoneLength || trimmedPhone.Count(char.IsAsciiDigit) < 5
            || trimmedPhone.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '(' or ')' or '/'))))
        {
            throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
        }

        Name = trimmedName;
        Email = trimmedEmail;
        Phone = trimmedPhone;
    }

    /// <summary>Creates the contact of a WhatsApp customer, named by their profile (or their number when they have none).</summary>
    public static Contact FromWhatsApp(string waId, string? profileName, DateTimeOffset now)
    {
        var id = PhoneNumber.Normalize(waId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
        var contact = Create(string.IsNullOrWhiteSpace(profileName) ? "+" + id : profileName.Trim()[..Math.Min(profileName.Trim().Length, MaxNameLength)], null, "+" + id, now);
        contact.WhatsAppId = id;
        return contact;
    }

    /// <summary>Takes over the WhatsApp profile name when the contact is still named by its number.</summary>
    public void WhatsAppProfileSeen(string? profileName)
    {
        if (!string.IsNullOrWhiteSpace(profileName) && Name == Phone)
        {
            Name = profileName.Trim()[..Math.Min(profileName.Trim().Length, MaxNameLength)];
        }
    }

    /// <summary>Records that the customer was active.</summary>
    public void Seen(DateTimeOffset now)
    {
        if (LastSeenAt is null || now > LastSeenAt)
        {
            LastSeenAt = now;
        }
    }
}
