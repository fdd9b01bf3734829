namespace BizInbox.Domain.Conversations;

/// <summary>
/// What a message carries beyond its text. <see cref="Message.Text"/> always holds a readable rendering (for
/// previews, search and exports); <see cref="Message.Content"/> holds the details as JSON for the channel and the screen.
/// </summary>
public enum MessageContentType
{
    /// <summary>Plain text.</summary>
    Text = 0,

    /// <summary>A picture, with an optional caption.</summary>
    Image,

    /// <summary>A video, with an optional caption.</summary>
    Video,

    /// <summary>An audio file.</summary>
    Audio,

    /// <summary>A voice message recorded in the app.</summary>
    Voice,

    /// <summary>A file, with its name and an optional caption.</summary>
    Document,

    /// <summary>A sticker.</summary>
    Sticker,

    /// <summary>A shared location.</summary>
    Location,

    /// <summary>Shared contact cards.</summary>
    Contacts,

    /// <summary>The customer chose a reply button, a list row, or a template's quick-reply button.</summary>
    Choice,

    /// <summary>An order from the business's catalogue.</summary>
    Order,

    /// <summary>A notice from WhatsApp (e.g. the customer changed their number).</summary>
    System,

    /// <summary>A type the channel does not support (yet); the raw content is kept.</summary>
    Unsupported,

    /// <summary>A message with up to three reply buttons.</summary>
    Buttons,

    /// <summary>A message that opens a list of up to ten choices.</summary>
    List,

    /// <summary>An approved WhatsApp template with its parameters filled in.</summary>
    Template,

    /// <summary>A reaction the customer left on a message we do not have.</summary>
    Reaction,
}
