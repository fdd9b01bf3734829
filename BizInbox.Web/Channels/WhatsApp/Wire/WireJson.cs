using System.Text.Json.Serialization;

namespace BizInbox.Web.Channels.WhatsApp.Wire;

/// <summary>
/// Meta's wire format: snake_case names, absent values left out, at most 32 levels deep, and lenient reading of values
/// of an unexpected kind (see <see cref="TextOrNumber"/> and its neighbours).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32,
    Converters = [typeof(TextOrNumber), typeof(LenientNumber), typeof(LenientInt32), typeof(LenientInt64), typeof(LenientBool)])]
[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(WebhookEntry))]
[JsonSerializable(typeof(WebhookChange))]
[JsonSerializable(typeof(WebhookValue))]
[JsonSerializable(typeof(WebhookMetadata))]
[JsonSerializable(typeof(WebhookContact))]
[JsonSerializable(typeof(WebhookProfile))]
[JsonSerializable(typeof(WebhookStatus))]
[JsonSerializable(typeof(WebhookConversation))]
[JsonSerializable(typeof(WebhookConversationOrigin))]
[JsonSerializable(typeof(WebhookPricing))]
[JsonSerializable(typeof(WebhookError))]
[JsonSerializable(typeof(WebhookErrorData))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(WebhookContext))]
[JsonSerializable(typeof(WebhookText))]
[JsonSerializable(typeof(WebhookMedia))]
[JsonSerializable(typeof(WebhookLocation))]
[JsonSerializable(typeof(WebhookInteractive))]
[JsonSerializable(typeof(WebhookReply))]
[JsonSerializable(typeof(WebhookButton))]
[JsonSerializable(typeof(WebhookReaction))]
[JsonSerializable(typeof(WebhookOrder))]
[JsonSerializable(typeof(WebhookOrderItem))]
[JsonSerializable(typeof(WebhookSystem))]
[JsonSerializable(typeof(WebhookUnsupported))]
[JsonSerializable(typeof(WebhookReferral))]
[JsonSerializable(typeof(WebhookContactCard))]
[JsonSerializable(typeof(WebhookCardName))]
[JsonSerializable(typeof(WebhookCardOrg))]
[JsonSerializable(typeof(WebhookCardPhone))]
[JsonSerializable(typeof(WebhookCardEmail))]
[JsonSerializable(typeof(WebhookCardAddress))]
[JsonSerializable(typeof(WebhookCardUrl))]
[JsonSerializable(typeof(GraphSendAnswer))]
[JsonSerializable(typeof(GraphSendContact))]
[JsonSerializable(typeof(GraphSentMessage))]
[JsonSerializable(typeof(GraphMediaAnswer))]
[JsonSerializable(typeof(GraphIdAnswer))]
[JsonSerializable(typeof(GraphSuccessAnswer))]
[JsonSerializable(typeof(GraphErrorAnswer))]
[JsonSerializable(typeof(GraphErrorBody))]
[JsonSerializable(typeof(GraphErrorData))]
public sealed partial class WireJson : JsonSerializerContext;
