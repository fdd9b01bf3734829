using System.Text.Json;
using System.Text.Json.Serialization;
using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels;

/// <summary>A media file: WhatsApp's media id (until fetched or once uploaded), type, caption and name.</summary>
public sealed record MediaContent(string? WhatsAppMediaId, string? MimeType, string? Caption, string? FileName, string? Sha256 = null, long? Size = null);

/// <summary>A shared location.</summary>
public sealed record LocationContent(double? Latitude, double? Longitude, string? Name, string? Address, string? Url = null);

/// <summary>Shared contact cards.</summary>
public sealed record ContactsContent(IReadOnlyList<SharedContact> Contacts);

/// <summary>
/// One shared contact card (a vCard as WhatsApp sends it): the formatted name and phones (all a card stored before
/// the details were kept has), and the structured name, organisation, every phone with its type and WhatsApp id,
/// e-mails, addresses, birthday and web addresses.
/// </summary>
public sealed record SharedContact(
    string Name, IReadOnlyList<string> Phones, SharedName? Structured = null, string? Company = null, string? Department = null,
    string? Title = null, IReadOnlyList<SharedPhone>? PhoneDetails = null, IReadOnlyList<SharedValue>? Emails = null,
    IReadOnlyList<SharedAddress>? Addresses = null, string? Birthday = null, IReadOnlyList<SharedValue>? Urls = null);

/// <summary>A card's structured name.</summary>
public sealed record SharedName(string? Prefix, string? First, string? Middle, string? Last, string? Suffix);

/// <summary>A card's phone: the number as written, its type (CELL, HOME, WORK...) and its WhatsApp id when it has WhatsApp.</summary>
public sealed record SharedPhone(string Phone, string? Type, string? WaId);

/// <summary>A card's e-mail address or web address with its type.</summary>
public sealed record SharedValue(string Value, string? Type);

/// <summary>A card's postal address.</summary>
public sealed record SharedAddress(string? Street, string? City, string? State, string? Zip, string? Country, string? Type);

/// <summary>What the customer chose: a reply button, a list row or a template's quick-reply button, and the message it answered.</summary>
public sealed record ChoiceContent(string Kind, string Id, string Title, string? Description, string? RepliedToExternalId);

/// <summary>An order from the catalogue.</summary>
public sealed record OrderContent(IReadOnlyList<OrderLine> Items, string? Note, string? CatalogId = null);

/// <summary>One line of an order.</summary>
public sealed record OrderLine(string ProductId, int? Quantity, decimal? ItemPrice, string Currency);

/// <summary>A message type the channel does not support; its raw JSON is kept.</summary>
/// <param name="Kind">What the customer sent where Meta says so (Meta's <c>unsupported.type</c>, e.g. "poll_creation"),
/// "unavailable" when WhatsApp could not pass the message on (error 131060); null for rows stored before it was kept.</param>
public sealed record UnsupportedContent(string RawType, string Raw, string? Kind = null);

/// <summary>A reaction to a message BizInbox does not have.</summary>
public sealed record ReactionContent(string Emoji, string TargetExternalId);

/// <summary>An agent's message with reply buttons.</summary>
public sealed record ButtonsContent(string Body, IReadOnlyList<ReplyButton> Buttons);

/// <summary>An agent's list message: a button opens the rows.</summary>
public sealed record ListContent(string Body, string Button, IReadOnlyList<ListRow> Rows);

/// <summary>A template as sent: which one, its parameters' values in order, and their names ("1", "2" or named).</summary>
public sealed record TemplateContent(int TemplateId, string Name, string Language, IReadOnlyList<string> Parameters, IReadOnlyList<string>? ParameterNames = null);

/// <summary>Reads and writes <see cref="Message.Content"/>.</summary>
public static class MessageContents
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T content) => JsonSerializer.Serialize(content, Options);

    /// <summary>The content as <typeparamref name="T"/>, or null when absent or unreadable (a message never fails to show).</summary>
    public static T? Read<T>(string? json) where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether a content type is a file kept in the media store.</summary>
    public static bool IsMedia(MessageContentType type) => type is MessageContentType.Image or MessageContentType.Video
        or MessageContentType.Audio or MessageContentType.Voice or MessageContentType.Document or MessageContentType.Sticker;
}
