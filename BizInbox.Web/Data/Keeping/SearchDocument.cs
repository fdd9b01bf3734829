using BizInbox.Domain.Contacts;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Search;

namespace BizInbox.Web.Data.Keeping;

public enum SearchDocumentKind
{
    Contact = 1,
    Message = 2,
}

/// <summary>
/// The searchable text of one message or contact, folded (<see cref="SearchText.Fold"/>), in a table of its own so
/// that the messages and contacts tables stay as they are. Each database's full-text index covers <see cref="Text"/>:
/// SQLite an FTS5 table fed by triggers, PostgreSQL a GIN index on its tsvector; SQL Server is searched with LIKE.
/// </summary>
public sealed class SearchDocument
{
    private SearchDocument()
    {
        Text = string.Empty;
    }

    public long Id { get; private set; }

    public SearchDocumentKind Kind { get; private set; }

    public long? MessageId { get; private set; }

    public Message? Message { get; private set; }

    /// <summary>The conversation a message belongs to (messages never move), so that filters join conversations directly.</summary>
    public long? ConversationId { get; private set; }

    public Guid? ContactId { get; private set; }

    public Contact? Contact { get; private set; }

    /// <summary>When the message was written or the contact created, for the date filter and the order of results.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The folded words, after a leading space so that LIKE can find a word's start as " word".</summary>
    public string Text { get; private set; }

    /// <summary>Messages customers and teammates wrote (notes included: the whole team sees them); activities are not searched.</summary>
    public static bool IsSearchable(Message message) =>
        message.Kind is MessageKind.Incoming or MessageKind.Outgoing or MessageKind.Note && !string.IsNullOrWhiteSpace(message.Text);

    public static SearchDocument For(Message message) => new()
    {
        Kind = SearchDocumentKind.Message,
        Message = message,
        ConversationId = message.ConversationId,
        CreatedAt = message.CreatedAt,
        Text = Folded(message.Text),
    };

    public static SearchDocument For(Contact contact) => new()
    {
        Kind = SearchDocumentKind.Contact,
        Contact = contact,
        ContactId = contact.Id,
        CreatedAt = contact.CreatedAt,
        Text = ContactText(contact),
    };

    public void Update(Contact contact) => Text = ContactText(contact);

    internal static string Folded(string text) => " " + SearchText.Fold(text);

    /// <summary>Name, email, and the number as E.164 digits and national digits, so that "0171 23", "49171" and "+49 171…" all find it.</summary>
    internal static string ContactText(Contact contact)
    {
        var national = contact.Phone is { } phone && PhoneNumber.FromWhatsAppId(phone) is { } number ? number.National : null;
        return Folded($"{contact.Name} {contact.Email} {Digits(contact.Phone)} {Digits(national)}");
    }

    private static string Digits(string? text) => text is null ? string.Empty : new string(text.Where(char.IsAsciiDigit).ToArray());
}
