using System.Text.Json.Serialization;

namespace BizInbox.Web.Channels.WhatsApp.Wire;

// The Cloud API's webhook body as Meta documents it ("messages" webhook reference): the app reads it through these
// records and the simulator writes it with them. Fields the app does not read yet are here where the simulator sends them.

/// <summary><c>{"object":"whatsapp_business_account","entry":[...]}</c>.</summary>
public sealed record WebhookEnvelope
{
    public const string BusinessAccountObject = "whatsapp_business_account";

    /// <summary>Which product the notification is about (<c>object</c>).</summary>
    [JsonPropertyName("object")]
    public string? Product { get; init; }

    [JsonConverter(typeof(ListOf<WebhookEntry>))]
    public IReadOnlyList<WebhookEntry>? Entry { get; init; }
}

/// <summary>One WhatsApp Business Account's changes; <see cref="Id"/> is the account's id.</summary>
public sealed record WebhookEntry
{
    public string? Id { get; init; }

    [JsonConverter(typeof(ListOf<WebhookChange>))]
    public IReadOnlyList<WebhookChange>? Changes { get; init; }
}

/// <summary>A change of one subscribed field (<c>messages</c>, <c>phone_number_name_update</c>, ...).</summary>
public sealed record WebhookChange
{
    public const string MessagesField = "messages";
    public const string NameUpdateField = "phone_number_name_update";

    public string? Field { get; init; }

    [JsonConverter(typeof(ObjectOrNull<WebhookValue>))]
    public WebhookValue? Value { get; init; }
}

/// <summary>
/// A change's value: for <c>messages</c> the number's metadata, the customers' profiles, their messages, statuses of
/// the business's messages and webhook-level errors; for <c>phone_number_name_update</c> the display-name decision.
/// </summary>
public sealed record WebhookValue
{
    public string? MessagingProduct { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookMetadata>))]
    public WebhookMetadata? Metadata { get; init; }

    [JsonConverter(typeof(ListOf<WebhookContact>))]
    public IReadOnlyList<WebhookContact>? Contacts { get; init; }

    [JsonConverter(typeof(MessageList))]
    public IReadOnlyList<WebhookMessage>? Messages { get; init; }

    [JsonConverter(typeof(ListOf<WebhookStatus>))]
    public IReadOnlyList<WebhookStatus>? Statuses { get; init; }

    [JsonConverter(typeof(ListOf<WebhookError>))]
    public IReadOnlyList<WebhookError>? Errors { get; init; }

    public string? DisplayPhoneNumber { get; init; }

    public string? Decision { get; init; }

    public string? RequestedVerifiedName { get; init; }

    public string? RejectionReason { get; init; }
}

public sealed record WebhookMetadata
{
    public string? DisplayPhoneNumber { get; init; }

    public string? PhoneNumberId { get; init; }
}

/// <summary>The customer who wrote: WhatsApp id and profile name.</summary>
public sealed record WebhookContact
{
    [JsonConverter(typeof(ObjectOrEmpty<WebhookProfile>))]
    public WebhookProfile? Profile { get; init; }

    public string? WaId { get; init; }
}

public sealed record WebhookProfile
{
    public string? Name { get; init; }
}

/// <summary>A status of a message the business sent; sent and delivered carry the conversation and pricing.</summary>
public sealed record WebhookStatus
{
    public string? Id { get; init; }

    public string? Status { get; init; }

    public string? Timestamp { get; init; }

    public string? RecipientId { get; init; }

    public string? BizOpaqueCallbackData { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookConversation>))]
    public WebhookConversation? Conversation { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookPricing>))]
    public WebhookPricing? Pricing { get; init; }

    [JsonConverter(typeof(ListOf<WebhookError>))]
    public IReadOnlyList<WebhookError>? Errors { get; init; }
}

public sealed record WebhookConversation
{
    public string? Id { get; init; }

    public string? ExpirationTimestamp { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookConversationOrigin>))]
    public WebhookConversationOrigin? Origin { get; init; }
}

public sealed record WebhookConversationOrigin
{
    public string? Type { get; init; }
}

public sealed record WebhookPricing
{
    public bool? Billable { get; init; }

    public string? PricingModel { get; init; }

    public string? Category { get; init; }

    public string? Type { get; init; }
}

/// <summary>An error in a webhook (of the change, a status or a message); <see cref="Code"/> may arrive as a number or a string.</summary>
public sealed record WebhookError
{
    public double? Code { get; init; }

    public string? Title { get; init; }

    public string? Message { get; init; }

    [JsonConverter(typeof(ObjectOrEmpty<WebhookErrorData>))]
    public WebhookErrorData? ErrorData { get; init; }

    public string? Href { get; init; }
}

public sealed record WebhookErrorData
{
    public string? Details { get; init; }
}
