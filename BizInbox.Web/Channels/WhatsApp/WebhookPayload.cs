using System.Globalization;
using System.Text.Json;
using BizInbox.Domain.Conversations;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Reads the Cloud API's webhook body: <c>{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages",
/// "value":{"metadata":{...},"contacts":[...],"messages":[...],"statuses":[...]}}]}]}</c>. Unknown message types are kept
/// (type Unsupported, with their raw JSON) rather than dropped.
/// </summary>
public static class WebhookPayload
{
    public static IReadOnlyList<WhatsAppChange> Parse(ReadOnlyMemory<byte> body) => ParseNotifications(body).Changes;

    /// <summary>
    /// Message changes and the notices about the business's own numbers (<c>phone_number_name_update</c>), which carry
    /// no <c>metadata</c> and no messages: they are read apart so that they never reach a batch of messages.
    /// </summary>
    public static WebhookNotifications ParseNotifications(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new WebhookPayloadException("The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "object") != "whatsapp_business_account")
            {
                throw new WebhookIgnoredException(root.ValueKind == JsonValueKind.Object
                    ? $"object \"{Truncate(Str(root, "object") ?? "(none)", 40)}\""
                    : $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            var changes = new List<WhatsAppChange>();
            var nameUpdates = new List<WhatsAppNameUpdate>();
            foreach (var entry in Array(root, "entry"))
            {
                foreach (var change in Array(entry, "changes"))
                {
                    if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    switch (Str(change, "field"))
                    {
                        case "messages":
                            changes.Add(ParseValue(value));
                            break;
                        case "phone_number_name_update" when NameUpdate(Str(entry, "id"), value) is { } update:
                            nameUpdates.Add(update);
                            break;
                    }
                }
            }

            return new(changes, nameUpdates);
        }
    }

    private static WhatsAppChange ParseValue(JsonElement value)
    {
        var metadata = value.TryGetProperty("metadata", out var m) ? m : default;
        var phoneNumberId = Str(metadata, "phone_number_id") ?? throw new WebhookPayloadException("A change has no metadata.phone_number_id.");
        var contacts = Array(value, "contacts")
            .Select(c => new WhatsAppProfile(Required(c, "wa_id"), c.TryGetProperty("profile", out var p) ? Str(p, "name") : null))
            .ToList();
        return new WhatsAppChange(phoneNumberId, Str(metadata, "display_phone_number"), contacts,
            Array(value, "messages").Select(ParseMessage).ToList(), Array(value, "statuses").Select(ParseStatus).ToList(), Errors(value));
    }

    /// <summary>A display-name decision; one without a number or a decision names nothing we could follow and is skipped.</summary>
    private static WhatsAppNameUpdate? NameUpdate(string? accountId, JsonElement value) =>
        Digits(Str(value, "display_phone_number")) is { } number && Cut(Str(value, "decision"), 40) is { Length: > 0 } decision
            ? new(accountId ?? string.Empty, number, new(decision, Cut(Str(value, "requested_verified_name"), 200), Cut(Str(value, "rejection_reason"), 200)))
            : null;

    private static WhatsAppInboundMessage ParseMessage(JsonElement message)
    {
        var rawType = Str(message, "type") ?? "unknown";
        var part = message.TryGetProperty(rawType, out var p) ? p : default;
        var type = rawType switch
        {
            "text" => WhatsAppMessageType.Text,
            "image" => WhatsAppMessageType.Image,
            "video" => WhatsAppMessageType.Video,
            "audio" => Bool(part, "voice") ? WhatsAppMessageType.Voice : WhatsAppMessageType.Audio,
            "voice" => WhatsAppMessageType.Voice,
            "document" => WhatsAppMessageType.Document,
            "sticker" => WhatsAppMessageType.Sticker,
            "location" => WhatsAppMessageType.Location,
            "contacts" => WhatsAppMessageType.Contacts,
            "interactive" when Str(part, "type") == "button_reply" => WhatsAppMessageType.ButtonReply,
            "interactive" when Str(part, "type") == "list_reply" => WhatsAppMessageType.ListReply,
            "button" => WhatsAppMessageType.TemplateButton,
            "reaction" => WhatsAppMessageType.Reaction,
            "order" => WhatsAppMessageType.Order,
            "system" => WhatsAppMessageType.System,
            _ => WhatsAppMessageType.Unsupported,
        };

        string? text = type switch
        {
            WhatsAppMessageType.Text => Str(part, "body"),
            WhatsAppMessageType.System => Str(part, "body"),
            WhatsAppMessageType.Order => Str(part, "text"),
            _ => null,
        };

        WhatsAppMedia? media = type is WhatsAppMessageType.Image or WhatsAppMessageType.Video or WhatsAppMessageType.Audio
            or WhatsAppMessageType.Voice or WhatsAppMessageType.Document or WhatsAppMessageType.Sticker
            ? new WhatsAppMedia(Required(part, "id"), Str(part, "mime_type"), Str(part, "sha256"), Str(part, "caption"), Str(part, "filename"))
            : null;

        WhatsAppLocation? location = type == WhatsAppMessageType.Location
            ? new WhatsAppLocation(Coordinate(part, "latitude", 90), Coordinate(part, "longitude", 180), Str(part, "name"), Str(part, "address"), WebUrl(Str(part, "url")))
            : null;

        WhatsAppChoice? choice = type switch
        {
            WhatsAppMessageType.ButtonReply when part.TryGetProperty("button_reply", out var b) => new WhatsAppChoice(Required(b, "id"), Required(b, "title"), null),
            WhatsAppMessageType.ListReply when part.TryGetProperty("list_reply", out var l) => new WhatsAppChoice(Required(l, "id"), Required(l, "title"), Str(l, "description")),
            WhatsAppMessageType.TemplateButton => new WhatsAppChoice(Str(part, "payload") ?? string.Empty, Str(part, "text") ?? string.Empty, null),
            _ => null,
        };

        WhatsAppReaction? reaction = type == WhatsAppMessageType.Reaction
            ? new WhatsAppReaction(Required(part, "message_id"), Str(part, "emoji") ?? string.Empty)
            : null;

        var sharedContacts = type == WhatsAppMessageType.Contacts ? Array(message, "contacts").Select(Card).ToList() : [];

        var orderItems = type == WhatsAppMessageType.Order
            ? Array(part, "product_items").Select(i => new WhatsAppOrderItem(
                Str(i, "product_retailer_id") ?? string.Empty, Quantity(i), Price(i), Str(i, "currency") ?? string.Empty)).ToList()
            : [];

        return new WhatsAppInboundMessage(
            Required(message, "id"), Required(message, "from"), Timestamp(message), type, rawType, text,
            message.TryGetProperty("context", out var context) ? Str(context, "id") : null,
            media, location, choice, reaction, sharedContacts, orderItems, Errors(message), message.GetRawText(),
            type == WhatsAppMessageType.Order ? Str(part, "catalog_id") : null,
            type == WhatsAppMessageType.Unsupported ? UnsupportedKind(rawType, part, message) : null,
            type == WhatsAppMessageType.System ? NewWaId(part) : null,
            message.TryGetProperty("referral", out var referral) ? Referral(referral) : null);
    }

    /// <summary>The customer's new WhatsApp id when a system message says they changed their number (digits only), else null.</summary>
    private static string? NewWaId(JsonElement system) =>
        Str(system, "type") is "user_changed_number" or "customer_changed_number" ? Digits(Str(system, "wa_id") ?? Str(system, "new_wa_id")) : null;

    /// <summary>A shared vCard: every part WhatsApp sends, each text cut to a sane length.</summary>
    private static WhatsAppSharedContact Card(JsonElement c)
    {
        var n = c.TryGetProperty("name", out var name) ? name : default;
        var org = c.TryGetProperty("org", out var o) ? o : default;
        var phones = Array(c, "phones").Select(ph => new SharedPhone(Cut(Str(ph, "phone") ?? Str(ph, "wa_id"), 40) ?? string.Empty, Cut(Str(ph, "type"), 20), Digits(Str(ph, "wa_id"))))
            .Where(p => p.Phone.Length > 0).ToList();
        var formatted = Cut(Str(n, "formatted_name"), 200) ?? string.Empty;
        var card = new SharedContact(
            formatted, phones.Select(p => p.Phone).ToList(),
            new SharedName(Cut(Str(n, "prefix"), 50), Cut(Str(n, "first_name"), 100), Cut(Str(n, "middle_name"), 100), Cut(Str(n, "last_name"), 100), Cut(Str(n, "suffix"), 50)),
            Cut(Str(org, "company"), 200), Cut(Str(org, "department"), 200), Cut(Str(org, "title"), 200), phones,
            Array(c, "emails").Select(e => new SharedValue(Cut(Str(e, "email"), 320) ?? string.Empty, Cut(Str(e, "type"), 20))).Where(e => e.Value.Length > 0).ToList(),
            Array(c, "addresses").Select(a => new SharedAddress(Cut(Str(a, "street"), 200), Cut(Str(a, "city"), 100), Cut(Str(a, "state"), 100),
                Cut(Str(a, "zip"), 20), Cut(Str(a, "country"), 100), Cut(Str(a, "type"), 20))).ToList(),
            Cut(Str(c, "birthday"), 20),
            Array(c, "urls").Select(u => new SharedValue(WebUrl(Str(u, "url")) ?? string.Empty, Cut(Str(u, "type"), 20))).Where(u => u.Value.Length > 0).ToList());
        return new WhatsAppSharedContact(formatted, card.Phones, card);
    }

    /// <summary>A click-to-WhatsApp referral, each value cut to what is kept; addresses only when they are web addresses.</summary>
    private static AdReferral? Referral(JsonElement r) => r.ValueKind != JsonValueKind.Object ? null : new AdReferral(
        Cut(Str(r, "source_type"), 20) ?? "unknown", Cut(Str(r, "source_id"), AdReferral.MaxIdLength), Url(r, "source_url"),
        Cut(Str(r, "headline"), AdReferral.MaxTextLength), Cut(Str(r, "body"), AdReferral.MaxTextLength), Cut(Str(r, "media_type"), 20),
        Url(r, "image_url"), Url(r, "video_url"), Url(r, "thumbnail_url"), Cut(Str(r, "ctwa_clid"), AdReferral.MaxIdLength));

    private static string? Url(JsonElement element, string name) => WebUrl(Str(element, name)) is { Length: <= AdReferral.MaxUrlLength } url ? url : null;

    private static string? Cut(string? value, int length) => value is null ? null : Truncate(value, length);

    private static string? Digits(string? value) => value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit) ? value : null;

    private static WhatsAppStatus ParseStatus(JsonElement status) => new(
        Required(status, "id"),
        Str(status, "status") switch
        {
            "sent" => WhatsAppStatusKind.Sent,
            "delivered" => WhatsAppStatusKind.Delivered,
            "read" => WhatsAppStatusKind.Read,
            "played" => WhatsAppStatusKind.Played,
            "failed" => WhatsAppStatusKind.Failed,
            _ => WhatsAppStatusKind.Unknown,
        },
        Timestamp(status),
        Str(status, "recipient_id") ?? string.Empty,
        Errors(status),
        Str(status, "biz_opaque_callback_data"));

    private static List<WhatsAppError> Errors(JsonElement element) =>
        Array(element, "errors").Select(e => new WhatsAppError(
            ErrorCode(e), Cut(Str(e, "title") ?? Str(e, "message"), 200) ?? string.Empty,
            e.TryGetProperty("error_data", out var data) ? Str(data, "details") : Str(e, "message"))).ToList();

    /// <summary>Meta's error code; one that no int holds (or none) reads as 0, an unknown code.</summary>
    private static int ErrorCode(JsonElement error) =>
        Number(error, "code") is var code && double.IsFinite(code) && code >= 0 && code <= int.MaxValue && code == Math.Floor(code) ? (int)code : 0;

    // A timestamp beyond what a date can hold (year 9999) is read as the latest one rather than failing the whole webhook.
    private static DateTimeOffset Timestamp(JsonElement element) =>
        long.TryParse(Str(element, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, MaxUnixSeconds))
            : throw new WebhookPayloadException("An entry has no valid timestamp.");

    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Largest order quantity and unit price taken as real: their product stays far inside decimal's range.</summary>
    internal const int MaxQuantity = 1_000_000;

    internal const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>
    /// What an unsupported message was, where Meta says so: "unavailable" for a message WhatsApp could not pass on
    /// (131060), the <c>unsupported.type</c> of the current payload ("poll_creation", "edit", ...), or the type itself.
    /// </summary>
    private static string UnsupportedKind(string rawType, JsonElement part, JsonElement message) =>
        Array(message, "errors").Any(e => ErrorCode(e) == 131060) ? "unavailable"
        : rawType == "unsupported" ? Str(part, "type") ?? rawType
        : rawType;

    /// <summary>A place's own web address, only when it is one (http or https).</summary>
    private static string? WebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.ToString() : null;

    private static double? Coordinate(JsonElement element, string name, double limit) =>
        Number(element, name) is var value && double.IsFinite(value) && Math.Abs(value) <= limit ? value : null;

    private static int? Quantity(JsonElement element) =>
        Number(element, "quantity") is var value && double.IsFinite(value) && value >= 0 && value <= MaxQuantity && value == Math.Floor(value) ? (int)value : null;

    private static decimal? Price(JsonElement element) =>
        Number(element, "item_price") is var value && double.IsFinite(value) && value >= 0 && value <= (double)MaxPrice ? (decimal)value : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : Empty.EnumerateArray();

    private static readonly JsonElement Empty = JsonDocument.Parse("[]").RootElement;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string Required(JsonElement element, string name) =>
        Str(element, name) ?? throw new WebhookPayloadException($"A required field '{name}' is missing.");

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static double Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => 0,
            }
            : 0;
}
