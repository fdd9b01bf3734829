using System.Globalization;
using BizInbox.Domain.Team;

namespace BizInbox.Domain.Contacts;

/// <summary>A customer: one record, whatever channel they write from.</summary>
public sealed partial class Contact
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest company name accepted.</summary>
    public const int MaxCompanyLength = 100;

    /// <summary>Longest language tag accepted ("de", "pt-BR", "zh-Hant-TW").</summary>
    public const int MaxLanguageLength = 35;

    /// <summary>Column size of <see cref="Phone"/> and <see cref="WhatsAppId"/> (E.164 has at most 16 characters; rows from before numbers were parsed may hold formatting).</summary>
    public const int MaxPhoneLength = PhoneNumber.MaxInputLength;

    private Contact()
    {
        Name = string.Empty;
        SearchName = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The name the customer gave or the channel reported.</summary>
    public string Name { get; private set; }

    /// <summary>
    /// <see cref="Name"/> in lower case (invariant culture): what the contact list sorts and searches by, so that every
    /// database orders "anna" next to "Anna" and finds "Ölga" by "öl" (SQLite's lower() only knows ASCII) with an index.
    /// </summary>
    public string SearchName { get; private set; }

    /// <summary>Optional company the customer works for.</summary>
    public string? Company { get; private set; }

    /// <summary>Optional language the customer prefers, as a culture name ("de", "pt-BR").</summary>
    public string? Language { get; private set; }

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

        Rename(trimmedName);
        Email = trimmedEmail;
        Phone = parsedPhone?.E164;
    }

    /// <summary>
    /// Replaces everything a team member edits on the contact's record; nothing changes when one field is refused.
    /// </summary>
    public void UpdateRecord(string name, string? email, string? phone, string? company, string? language, string? region = null)
    {
        var trimmedCompany = string.IsNullOrWhiteSpace(company) ? null : company.Trim();
        if (trimmedCompany is { Length: > MaxCompanyLength })
        {
            throw new DomainException("contact.company_too_long", $"The company may have at most {MaxCompanyLength} characters.");
        }

        var culture = LanguageTag(language);
        UpdateDetails(name, email, phone, region);
        Company = trimmedCompany;
        Language = culture;
    }

    /// <summary>The culture name of <paramref name="language"/> in its usual spelling ("pt-br" becomes "pt-BR"), or null when none was given.</summary>
    /// <exception cref="DomainException">No language or culture has this name.</exception>
    public static string? LanguageTag(string? language)
    {
        var text = language?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            if (text.Length <= MaxLanguageLength && CultureInfo.GetCultureInfo(text, predefinedOnly: true) is { Name.Length: > 0 } culture)
            {
                return culture.Name;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        throw new DomainException("contact.language_invalid", "This is not a known language.");
    }

    /// <summary>
    /// Creates the contact of a WhatsApp customer, named by their profile (or their number when they have none). The
    /// phone is the E.164 number behind the wa_id, so the same person written to from a number or found by it is one contact.
    /// </summary>
    public static Contact FromWhatsApp(string waId, string? profileName, DateTimeOffset now)
    {
        var number = PhoneNumber.FromWhatsAppId(waId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
        var name = string.IsNullOrWhiteSpace(profileName) ? number.International : profileName.Trim()[..Math.Min(profileName.Trim().Length, MaxNameLength)];
        var contact = new Contact { Id = Guid.NewGuid(), CreatedAt = now, LastSeenAt = now, Phone = number.E164 };
        contact.Rename(name);
        contact.WhatsAppId = PhoneNumber.WhatsAppIdDigits(waId);
        return contact;
    }

    /// <summary>Meta reported this customer under another wa_id for the same number (e.g. Mexico's 521 and 52 forms): replies go to the newest one.</summary>
    public void WhatsAppIdChanged(string waId)
    {
        WhatsAppId = PhoneNumber.WhatsAppIdDigits(waId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
    }

    /// <summary>
    /// The customer moved their WhatsApp account to another number (WhatsApp's <c>user_changed_number</c>): replies go to
    /// the new id, the phone becomes the new number, and a contact still named by the old number is named by the new one.
    /// </summary>
    public void WhatsAppNumberChanged(string newWaId)
    {
        var number = PhoneNumber.FromWhatsAppId(newWaId) ?? throw new DomainException("contact.phone_invalid", "The phone number is not valid.");
        var namedByNumber = Name == Phone || (Phone is not null && PhoneNumber.Display(Phone, null) == Name);
        WhatsAppId = PhoneNumber.WhatsAppIdDigits(newWaId);
        Phone = number.E164;
        if (namedByNumber)
        {
            Rename(number.International);
        }
    }

    /// <summary>Takes over the WhatsApp profile name when the contact is still named by its number.</summary>
    public void WhatsAppProfileSeen(string? profileName)
    {
        var namedByNumber = Name == Phone || (Phone is not null && PhoneNumber.Display(Phone, null) == Name);
        if (!string.IsNullOrWhiteSpace(profileName) && namedByNumber)
        {
            Rename(profileName.Trim()[..Math.Min(profileName.Trim().Length, MaxNameLength)]);
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

    private void Rename(string name)
    {
        Name = name;
        SearchName = name.ToLowerInvariant();
    }
}
