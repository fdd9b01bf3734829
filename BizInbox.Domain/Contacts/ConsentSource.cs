namespace BizInbox.Domain.Contacts;

/// <summary>How a contact agreed to receive messages the business starts (marketing, reminders, templates).</summary>
public enum ConsentSource
{
    /// <summary>A form on the website or in a shop.</summary>
    Form = 1,

    /// <summary>In a chat (WhatsApp or web chat).</summary>
    Chat,

    /// <summary>Came with an imported list.</summary>
    Import,

    /// <summary>Said so on the phone or in person.</summary>
    Verbal,

    /// <summary>On paper or by email.</summary>
    Written,

    /// <summary>Any other way (say how in a note).</summary>
    Other,
}
