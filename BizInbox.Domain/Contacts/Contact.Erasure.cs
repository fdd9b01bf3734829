namespace BizInbox.Domain.Contacts;

/// <summary>Erasure on the customer's request (GDPR Art. 17).</summary>
public sealed partial class Contact
{
    /// <summary>What an erased contact is called from then on.</summary>
    public const string ErasedName = "Erased contact";

    /// <summary>
    /// Forgets who the customer was: name, numbers, WhatsApp id, e-mail, company, language, labels, consent and block.
    /// The row stays as an anonymous shell so that its conversations, and the reports counted from them, stay as they
    /// were; with no number or WhatsApp id left, the next message from that number starts a new contact.
    /// </summary>
    public void Erase()
    {
        Rename(ErasedName);
        Email = null;
        Phone = null;
        WhatsAppId = null;
        Company = null;
        Language = null;
        _labels.Clear();
        IsBlocked = false;
        IsSpam = false;
        BlockedAt = null;
        HasConsent = false;
        ConsentGivenAt = null;
        ConsentSource = null;
        ConsentWithdrawnAt = null;
    }

    /// <summary>Whether <paramref name="typed"/> is this contact's name (spaces around and letter case aside): the confirmation an erasure asks for.</summary>
    public bool IsConfirmedBy(string? typed) =>
        string.Equals(typed?.Trim(), Name, StringComparison.OrdinalIgnoreCase);
}
