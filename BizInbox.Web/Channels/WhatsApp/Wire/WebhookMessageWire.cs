using System.Text.Json.Serialization;

namespace BizInbox.Web.Channels.WhatsApp.Wire;

/// <summary>
/// A customer's message: its <see cref="Type"/> names the part that carries it (<c>"type":"image"</c> with
/// <c>"image":{...}</c>); shared contacts come as the list <see cref="Contacts"/>.
/// </summary>
public sealed record WebhookMessage
{
    public string? From { get; init; }

    public string? Id { get; init; }

    public string? Timestamp { get; init; }

    public string? Type { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookContext>))]
    public WebhookContext? Context { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookText>))]
    public WebhookText? Text { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Image { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Video { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Audio { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Voice { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Document { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMedia>))]
    public WebhookMedia? Sticker { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookLocation>))]
    public WebhookLocation? Location { get; init; }

    [JsonConverter(typeof(ListOf<WebhookContactCard>))]
    public IReadOnlyList<WebhookContactCard>? Contacts { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookInteractive>))]
    public WebhookInteractive? Interactive { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookButton>))]
    public WebhookButton? Button { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookReaction>))]
    public WebhookReaction? Reaction { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookOrder>))]
    public WebhookOrder? Order { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookSystem>))]
    public WebhookSystem? System { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookUnsupported>))]
    public WebhookUnsupported? Unsupported { get; init; }

    [JsonConverter(typeof(ObjectOrNull<WebhookReferral>))]
    public WebhookReferral? Referral { get; init; }

    [JsonConverter(typeof(ListOf<WebhookError>))]
    public IReadOnlyList<WebhookError>? Errors { get; init; }

    /// <summary>The message exactly as it arrived (kept with the message); never written.</summary>
    [JsonIgnore]
    public string? Raw { get; init; }
}

/// <summary>The message this one answers (a reply, a tapped button) or quotes.</summary>
public sealed record WebhookContext
{
    public string? From { get; init; }

    public string? Id { get; init; }

    public bool? Forwarded { get; init; }

    public bool? FrequentlyForwarded { get; init; }
}

public sealed record WebhookText
{
    public string? Body { get; init; }
}

/// <summary>An image, video, audio (a voice note has <see cref="Voice"/> true), document or sticker.</summary>
public sealed record WebhookMedia
{
    public string? Id { get; init; }

    public string? MimeType { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    public string? Caption { get; init; }

    public string? Filename { get; init; }

    public bool? Voice { get; init; }

    public bool? Animated { get; init; }
}

public sealed record WebhookLocation
{
    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Name { get; init; }

    public string? Address { get; init; }

    public string? Url { get; init; }
}

/// <summary>A tapped reply button (<c>button_reply</c>) or list row (<c>list_reply</c>).</summary>
public sealed record WebhookInteractive
{
    public const string ButtonReplyType = "button_reply";
    public const string ListReplyType = "list_reply";

    public string? Type { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookReply>))]
    public WebhookReply? ButtonReply { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookReply>))]
    public WebhookReply? ListReply { get; init; }
}

public sealed record WebhookReply
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }
}

/// <summary>A template's quick-reply button the customer tapped.</summary>
public sealed record WebhookButton
{
    public string? Payload { get; init; }

    public string? Text { get; init; }
}

public sealed record WebhookReaction
{
    public string? MessageId { get; init; }

    public string? Emoji { get; init; }
}

public sealed record WebhookOrder
{
    public string? CatalogId { get; init; }

    public string? Text { get; init; }

    [JsonConverter(typeof(ListOf<WebhookOrderItem>))]
    public IReadOnlyList<WebhookOrderItem>? ProductItems { get; init; }
}

public sealed record WebhookOrderItem
{
    public string? ProductRetailerId { get; init; }

    public double? Quantity { get; init; }

    public double? ItemPrice { get; init; }

    public string? Currency { get; init; }
}

/// <summary>WhatsApp's own notice (a changed number: <c>user_changed_number</c> with <c>wa_id</c>, formerly <c>new_wa_id</c>).</summary>
public sealed record WebhookSystem
{
    public string? Body { get; init; }

    public string? Type { get; init; }

    public string? WaId { get; init; }

    public string? NewWaId { get; init; }

    public string? Identity { get; init; }
}

public sealed record WebhookUnsupported
{
    public string? Type { get; init; }
}

/// <summary>The click-to-WhatsApp ad (or post) the customer came from.</summary>
public sealed record WebhookReferral
{
    public string? SourceUrl { get; init; }

    public string? SourceId { get; init; }

    public string? SourceType { get; init; }

    public string? Headline { get; init; }

    public string? Body { get; init; }

    public string? MediaType { get; init; }

    public string? ImageUrl { get; init; }

    public string? VideoUrl { get; init; }

    public string? ThumbnailUrl { get; init; }

    public string? CtwaClid { get; init; }
}

/// <summary>A shared contact card (vCard), every part WhatsApp sends.</summary>
public sealed record WebhookContactCard
{
    [JsonConverter(typeof(ObjectOrEmpty<WebhookCardName>))]
    public WebhookCardName? Name { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookCardOrg>))]
    public WebhookCardOrg? Org { get; init; }

    [JsonConverter(typeof(ListOf<WebhookCardPhone>))]
    public IReadOnlyList<WebhookCardPhone>? Phones { get; init; }

    [JsonConverter(typeof(ListOf<WebhookCardEmail>))]
    public IReadOnlyList<WebhookCardEmail>? Emails { get; init; }

    [JsonConverter(typeof(ListOf<WebhookCardAddress>))]
    public IReadOnlyList<WebhookCardAddress>? Addresses { get; init; }

    public string? Birthday { get; init; }

    [JsonConverter(typeof(ListOf<WebhookCardUrl>))]
    public IReadOnlyList<WebhookCardUrl>? Urls { get; init; }
}

public sealed record WebhookCardName
{
    public string? FormattedName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? MiddleName { get; init; }

    public string? Suffix { get; init; }

    public string? Prefix { get; init; }
}

public sealed record WebhookCardOrg
{
    public string? Company { get; init; }

    public string? Department { get; init; }

    public string? Title { get; init; }
}

public sealed record WebhookCardPhone
{
    public string? Phone { get; init; }

    public string? Type { get; init; }

    public string? WaId { get; init; }
}

public sealed record WebhookCardEmail
{
    public string? Email { get; init; }

    public string? Type { get; init; }
}

public sealed record WebhookCardAddress
{
    public string? Street { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Zip { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? Type { get; init; }
}

public sealed record WebhookCardUrl
{
    public string? Url { get; init; }

    public string? Type { get; init; }
}
