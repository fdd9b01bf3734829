using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.WhatsApp.Wire;
using static BizInbox.Web.Channels.WhatsApp.WebhookPayload;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>A customer's message from the wire (<see cref="WebhookMessage"/>) as the app keeps it; every text cut to a sane length.</summary>
internal static class WebhookMessages
{
    public static WhatsAppInboundMessage Read(WebhookMessage message)
    {
        var rawType = message.Type ?? "unknown";
        var type = rawType switch
        {
            "text" => WhatsAppMessageType.Text,
            "image" => WhatsAppMessageType.Image,
            "video" => WhatsAppMessageType.Video,
            "audio" => message.Audio?.Voice == true ? WhatsAppMessageType.Voice : WhatsAppMessageType.Audio,
            "voice" => WhatsAppMessageType.Voice,
            "document" => WhatsAppMessageType.Document,
            "sticker" => WhatsAppMessageType.Sticker,
            "location" => WhatsAppMessageType.Location,
            "contacts" => WhatsAppMessageType.Contacts,
            "interactive" when message.Interactive?.Type == WebhookInteractive.ButtonReplyType => WhatsAppMessageType.ButtonReply,
            "interactive" when message.Interactive?.Type == WebhookInteractive.ListReplyType => WhatsAppMessageType.ListReply,
            "button" => WhatsAppMessageType.TemplateButton,
            "reaction" => WhatsAppMessageType.Reaction,
            "order" => WhatsAppMessageType.Order,
            "system" => WhatsAppMessageType.System,
            _ => WhatsAppMessageType.Unsupported,
        };

        string? text = type switch
        {
            WhatsAppMessageType.Text => message.Text?.Body,
            WhatsAppMessageType.System => message.System?.Body,
            WhatsAppMessageType.Order => message.Order?.Text,
            _ => null,
        };

        return new WhatsAppInboundMessage(
            Required(message.Id, "id"), Required(message.From, "from"), Timestamp(message.Timestamp), type, rawType, text,
            message.Context?.Id, Media(rawType, message), type == WhatsAppMessageType.Location ? Location(message.Location) : null,
            Choice(type, message), type == WhatsAppMessageType.Reaction ? Reaction(message.Reaction) : null,
            type == WhatsAppMessageType.Contacts ? (message.Contacts ?? []).Select(Card).ToList() : [],
            type == WhatsAppMessageType.Order ? (message.Order?.ProductItems ?? []).Select(OrderItem).ToList() : [],
            Errors(message.Errors), message.Raw ?? string.Empty,
            type == WhatsAppMessageType.Order ? message.Order?.CatalogId : null,
            type == WhatsAppMessageType.Unsupported ? UnsupportedKind(rawType, message) : null,
            type == WhatsAppMessageType.System ? NewWaId(message.System) : null,
            message.Referral is { } referral ? Referral(referral) : null);
    }

    /// <summary>The media part named by the message's type; a media message without one (or without its id) is refused.</summary>
    private static WhatsAppMedia? Media(string rawType, WebhookMessage message)
    {
        (bool IsMedia, WebhookMedia? Part) media = rawType switch
        {
            "image" => (true, message.Image),
            "video" => (true, message.Video),
            "audio" => (true, message.Audio),
            "voice" => (true, message.Voice),
            "document" => (true, message.Document),
            "sticker" => (true, message.Sticker),
            _ => (false, null),
        };
        return media.IsMedia
            ? new WhatsAppMedia(Required(media.Part?.Id, "id"), media.Part!.MimeType, media.Part.Sha256, media.Part.Caption, media.Part.Filename)
            : null;
    }

    private static WhatsAppLocation Location(WebhookLocation? part) =>
        new(Coordinate(part?.Latitude, 90), Coordinate(part?.Longitude, 180), part?.Name, part?.Address, WebUrl(part?.Url));

    private static WhatsAppChoice? Choice(WhatsAppMessageType type, WebhookMessage message) => type switch
    {
        WhatsAppMessageType.ButtonReply when message.Interactive?.ButtonReply is { } b => new WhatsAppChoice(Required(b.Id, "id"), Required(b.Title, "title"), null),
        WhatsAppMessageType.ListReply when message.Interactive?.ListReply is { } l => new WhatsAppChoice(Required(l.Id, "id"), Required(l.Title, "title"), l.Description),
        WhatsAppMessageType.TemplateButton => new WhatsAppChoice(message.Button?.Payload ?? string.Empty, message.Button?.Text ?? string.Empty, null),
        _ => null,
    };

    private static WhatsAppReaction Reaction(WebhookReaction? part) => new(Required(part?.MessageId, "message_id"), part!.Emoji ?? string.Empty);

    private static WhatsAppOrderItem OrderItem(WebhookOrderItem item) =>
        new(item.ProductRetailerId ?? string.Empty, Quantity(item.Quantity ?? 0), Price(item.ItemPrice ?? 0), item.Currency ?? string.Empty);

    /// <summary>The customer's new WhatsApp id when a system message says they changed their number (digits only), else null.</summary>
    private static string? NewWaId(WebhookSystem? system) =>
        system?.Type is "user_changed_number" or "customer_changed_number" ? Digits(system.WaId ?? system.NewWaId) : null;

    /// <summary>A shared vCard: every part WhatsApp sends, each text cut to a sane length.</summary>
    private static WhatsAppSharedContact Card(WebhookContactCard c)
    {
        var n = c.Name ?? new WebhookCardName();
        var org = c.Org ?? new WebhookCardOrg();
        var phones = (c.Phones ?? []).Select(ph => new SharedPhone(Cut(ph.Phone ?? ph.WaId, 40) ?? string.Empty, Cut(ph.Type, 20), Digits(ph.WaId)))
            .Where(p => p.Phone.Length > 0).ToList();
        var formatted = Cut(n.FormattedName, 200) ?? string.Empty;
        var card = new SharedContact(
            formatted, phones.Select(p => p.Phone).ToList(),
            new SharedName(Cut(n.Prefix, 50), Cut(n.FirstName, 100), Cut(n.MiddleName, 100), Cut(n.LastName, 100), Cut(n.Suffix, 50)),
            Cut(org.Company, 200), Cut(org.Department, 200), Cut(org.Title, 200), phones,
            (c.Emails ?? []).Select(e => new SharedValue(Cut(e.Email, 320) ?? string.Empty, Cut(e.Type, 20))).Where(e => e.Value.Length > 0).ToList(),
            (c.Addresses ?? []).Select(a => new SharedAddress(Cut(a.Street, 200), Cut(a.City, 100), Cut(a.State, 100),
                Cut(a.Zip, 20), Cut(a.Country, 100), Cut(a.Type, 20))).ToList(),
            Cut(c.Birthday, 20),
            (c.Urls ?? []).Select(u => new SharedValue(WebUrl(u.Url) ?? string.Empty, Cut(u.Type, 20))).Where(u => u.Value.Length > 0).ToList());
        return new WhatsAppSharedContact(formatted, card.Phones, card);
    }

    /// <summary>A click-to-WhatsApp referral, each value cut to what is kept; addresses only when they are web addresses.</summary>
    private static AdReferral Referral(WebhookReferral r) => new(
        Cut(r.SourceType, 20) ?? "unknown", Cut(r.SourceId, AdReferral.MaxIdLength), Url(r.SourceUrl),
        Cut(r.Headline, AdReferral.MaxTextLength), Cut(r.Body, AdReferral.MaxTextLength), Cut(r.MediaType, 20),
        Url(r.ImageUrl), Url(r.VideoUrl), Url(r.ThumbnailUrl), Cut(r.CtwaClid, AdReferral.MaxIdLength));

    private static string? Url(string? value) => WebUrl(value) is { Length: <= AdReferral.MaxUrlLength } url ? url : null;

    /// <summary>
    /// What an unsupported message was, where Meta says so: "unavailable" for a message WhatsApp could not pass on
    /// (131060), the <c>unsupported.type</c> of the current payload ("poll_creation", "edit", ...), or the type itself.
    /// </summary>
    private static string UnsupportedKind(string rawType, WebhookMessage message) =>
        (message.Errors ?? []).Any(e => ErrorCode(e) == 131060) ? "unavailable"
        : rawType == "unsupported" ? message.Unsupported?.Type ?? rawType
        : rawType;

    // A value missing or not a number reads as 0, as it always has; one out of range (or not finite) as none.
    private static double? Coordinate(double? value, double limit) =>
        (value ?? 0) is var v && double.IsFinite(v) && Math.Abs(v) <= limit ? v : null;

    private static int? Quantity(double value) =>
        double.IsFinite(value) && value >= 0 && value <= MaxQuantity && value == Math.Floor(value) ? (int)value : null;

    private static decimal? Price(double value) =>
        double.IsFinite(value) && value >= 0 && value <= (double)MaxPrice ? (decimal)value : null;
}
