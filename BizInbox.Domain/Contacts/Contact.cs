using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>A customer: one record, whatever channel they write from.</summary>
public sealed class Contact
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Column size of <see cref="Phone"/> and <see cref="WhatsAppId"/> (E.164 has at most 16 characters; rows from before numbers were parsed may hold formatting).</summary>
    public const int MaxPhoneLength = PhoneNumber.MaxInputLength;

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

    /// <summary>Optional phone number in E.164 ("+491712345678"); see <see cref="PhoneNumber"/>.</summary>
    public string? Phone { get; private set; }

    /// <summary>
    /// The customer's WhatsApp id exactly as Meta last reported it (digits), when they wrote on WhatsApp. Replies go
    /// to it unchanged; it may differ from <see cref="Phone"/> (see <see cref="PhoneNumber.FromWhatsAppId"/>).
    /// </summary>
    public string? WhatsAppId { get; private set; }

    /// <summary>When the record was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the customer last wrote or was online.</summary>
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>Creates a contact after validating name, email and phone (national numbers are read in <paramref name="region"/>).</summary>
    public static Contact Create(string name, string? email, string? phone, DateTimeOffset now, string? region = null)
    {
        var contact = new Contact { Id = Guid.NewGuid(), CreatedAt = now, LastSeenAt = now };
        contact.UpdateDetails(name, email, phone, region);
        return contact;
    }

    /// <summary>Replaces name, email and phone; the phone is stored in E.164 and national numbers are read in <paramref name="region"/>.</summary>
    public void UpdateDetails(string name, string? email, string? phone, string? region = null)
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

        var parsedPhone = string.IsNullOrWhiteSpace(phone) ? null : PhoneNumber.Parse(phone, region);

        Name = trimmedName;
        Email = trimmedEmail;
        Phone = parsedPhone?.E164;
    }

    /// <summary>
    /// Creates the contact of a WhatsApp customer, named by their profile (or their number when they have none). The
    /// phone is the E.164 number behind the wa_id, so the same person written to from a number or found by it is one contact.
    /// </summary>
    public static Contact FromWhatsApp(string waId, string? profileName, DateTimeOffset now)
    {
        var number = PhoneNumber.FromWhatsAppId(waId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
        var name = string.IsNullOrWhiteSpace(profileName) ? number.International : profileName.Trim()[..Math.Min(profileName.Trim().Length, MaxNameLength)];
        var contact = new Contact { Id = Guid.NewGuid(), CreatedAt = now, LastSeenAt = now, Name = name, Phone = number.E164 };
        contact.WhatsAppId = PhoneNumber.WhatsAppIdDigits(waId);
        return contact;
    }

    /// <summary>Meta reported this customer under another wa_id for the same number (e.g. Mexico's 521 and 52 forms): replies go to the newest one.</summary>
    public void WhatsAppIdChanged(string waId)
    {
        WhatsAppId = PhoneNumber.WhatsAppIdDigits(waId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
    }

    /// <summary>Takes over the WhatsApp profile name when the contact is still named by its number.</summary>
    public void WhatsAppProfileSeen(string? profileName)
    {
        var namedByNumber = Name == Phone || (Phone is not null && PhoneNumber.Display(Phone, null) == Name);
        if (!string.IsNullOrWhiteSpace(profileName) && namedByNumber)
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
