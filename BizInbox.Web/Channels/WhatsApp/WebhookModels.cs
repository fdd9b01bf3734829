namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>What a customer sent, as WhatsApp names it (voice is audio recorded in the app).</summary>
public enum WhatsAppMessageType
{
    Text, Image, Video, Audio, Voice, Document, Sticker, Location, Contacts, ButtonReply, ListReply, TemplateButton, Reaction, Order,
    System, Unsupported,
}

public enum WhatsAppStatusKind
{
    Sent, Delivered, Read, Played, Failed, Unknown,
}

public sealed record WhatsAppMedia(string Id, string? MimeType, string? Sha256, string? Caption, string? FileName);

/// <summary>A shared place; coordinates a payload carries out of range (or not finite) are null, the raw payload keeps them.</summary>
public sealed record WhatsAppLocation(double? Latitude, double? Longitude, string? Name, string? Address, string? Url = null);

/// <summary>The choice a customer made: a reply button, a list row, or a template's quick-reply button (Id = payload).</summary>
public sealed record WhatsAppChoice(string Id, string Title, string? Description);

/// <summary>A reaction to an earlier message; an empty emoji removes the reaction.</summary>
public sealed record WhatsAppReaction(string MessageId, string Emoji);

/// <summary>A shared contact card: its name and phones, and everything else the card said (<see cref="Card"/>).</summary>
public sealed record WhatsAppSharedContact(string Name, IReadOnlyList<string> Phones, SharedContact? Card = null);

/// <summary>An order line; a quantity or price out of any real range (negative, non-finite, absurdly large) is null.</summary>
public sealed record WhatsAppOrderItem(string ProductId, int? Quantity, decimal? ItemPrice, string Currency);

/// <summary>An error as Meta reports it; <paramref name="Details"/> can name a customer and is never logged.</summary>
public sealed record WhatsAppError(int Code, string Title, string? Details);

public sealed record WhatsAppProfile(string WaId, string? Name);

public sealed record WhatsAppInboundMessage(
    string Id,
    string From,
    DateTimeOffset Timestamp,
    WhatsAppMessageType Type,
    string RawType,
    string? Text,
    string? ContextMessageId,
    WhatsAppMedia? Media,
    WhatsAppLocation? Location,
    WhatsAppChoice? Choice,
    WhatsAppReaction? Reaction,
    IReadOnlyList<WhatsAppSharedContact> SharedContacts,
    IReadOnlyList<WhatsAppOrderItem> OrderItems,
    IReadOnlyList<WhatsAppError> Errors,
    string RawJson,
    string? CatalogId = null,
    string? UnsupportedKind = null,
    string? NewWaId = null,
    Domain.Conversations.AdReferral? Referral = null)
{
    /// <summary>
    /// WhatsApp's notice that the customer moved to another number: <c>system.type</c> <c>user_changed_number</c> with
    /// the new <c>wa_id</c>, or the older <c>customer_changed_number</c> with <c>new_wa_id</c>.
    /// </summary>
    public bool IsNumberChange => Type == WhatsAppMessageType.System && NewWaId is not null;
}

/// <summary>A status of a message the business sent; <paramref name="CallbackData"/> echoes the reference given when sending.</summary>
public sealed record WhatsAppStatus(
    string MessageId, WhatsAppStatusKind Status, DateTimeOffset Timestamp, string RecipientId, IReadOnlyList<WhatsAppError> Errors, string? CallbackData = null);

/// <summary>One change notification for one business phone number; <paramref name="Errors"/> are Meta's webhook-level <c>value.errors</c>.</summary>
public sealed record WhatsAppChange(
    string PhoneNumberId,
    string? DisplayPhoneNumber,
    IReadOnlyList<WhatsAppProfile> Contacts,
    IReadOnlyList<WhatsAppInboundMessage> Messages,
    IReadOnlyList<WhatsAppStatus> Statuses,
    IReadOnlyList<WhatsAppError> Errors)
{
    /// <summary>Every error Meta reported in this change: the webhook's own and each status's, with where it came from.</summary>
    public IEnumerable<(WhatsAppError Error, Domain.Channels.WhatsAppErrorSource Source)> ReportedErrors =>
        Errors.Select(e => (e, Domain.Channels.WhatsAppErrorSource.Webhook))
            .Concat(Statuses.SelectMany(s => s.Errors).Select(e => (e, Domain.Channels.WhatsAppErrorSource.Status)));
}

/// <summary>
/// Meta's decision on a display name of the number <paramref name="DisplayPhoneNumber"/> (digits only) of the WhatsApp
/// Business Account <paramref name="BusinessAccountId"/> (the entry's id).
/// </summary>
public sealed record WhatsAppNameUpdate(string BusinessAccountId, string DisplayPhoneNumber, Domain.Profiles.DisplayNameDecision Decision);

/// <summary>Everything a webhook body reports: message changes and display-name decisions.</summary>
public sealed record WebhookNotifications(IReadOnlyList<WhatsAppChange> Changes, IReadOnlyList<WhatsAppNameUpdate> NameUpdates);

/// <summary>The body is not a WhatsApp Business Account webhook we can read; the message says why (never the content).</summary>
public sealed class WebhookPayloadException(string message) : Exception(message);

/// <summary>
/// Valid JSON that is no WhatsApp Business Account notification (another product of the same Meta app, say): it is
/// answered 200 and ignored, so that Meta does not deliver it again and again.
/// </summary>
public sealed class WebhookIgnoredException(string message) : Exception(message);
