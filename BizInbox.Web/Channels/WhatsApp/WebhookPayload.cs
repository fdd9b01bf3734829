using System.Globalization;
using System.Text.Json;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// Reads the Cloud API's webhook body through the wire records (<see cref="WebhookEnvelope"/>) into the app's changes.
/// Unknown message types are kept (type Unsupported, with their raw JSON) rather than dropped; a value of an unexpected
/// kind reads as missing.
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
        var envelope = Envelope(body);
        if (envelope.Product != WebhookEnvelope.BusinessAccountObject)
        {
            throw new WebhookIgnoredException($"object \"{Truncate(envelope.Product ?? "(none)", 40)}\"");
        }

        var changes = new List<WhatsAppChange>();
        var nameUpdates = new List<WhatsAppNameUpdate>();
        foreach (var entry in envelope.Entry ?? [])
        {
            foreach (var change in entry.Changes ?? [])
            {
                switch (change.Field)
                {
                    case WebhookChange.MessagesField when change.Value is { } value:
                        changes.Add(Change(value));
                        break;
                    case WebhookChange.NameUpdateField when change.Value is { } value && NameUpdate(entry.Id, value) is { } update:
                        nameUpdates.Add(update);
                        break;
                }
            }
        }

        return new(changes, nameUpdates);
    }

    /// <summary>The envelope; a body that is no JSON object is refused (not JSON) or ignored (other JSON), naming only its kind.</summary>
    private static WebhookEnvelope Envelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body.Span, WireJson.Default.WebhookEnvelope) is { } envelope)
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
            // Not an object, or not JSON at all: told apart below.
        }

        JsonValueKind kind;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException)
        {
            throw new WebhookPayloadException("The body is not valid JSON.");
        }

        throw kind == JsonValueKind.Object
            ? new WebhookPayloadException("The body could not be read as a webhook.")
            : new WebhookIgnoredException($"a JSON {kind.ToString().ToLowerInvariant()}");
    }

    private static WhatsAppChange Change(WebhookValue value)
    {
        var metadata = value.Metadata ?? new WebhookMetadata();
        var phoneNumberId = metadata.PhoneNumberId ?? throw new WebhookPayloadException("A change has no metadata.phone_number_id.");
        var contacts = (value.Contacts ?? []).Select(c => new WhatsAppProfile(Required(c.WaId, "wa_id"), c.Profile?.Name)).ToList();
        return new WhatsAppChange(phoneNumberId, metadata.DisplayPhoneNumber, contacts,
            (value.Messages ?? []).Select(WebhookMessages.Read).ToList(), (value.Statuses ?? []).Select(Status).ToList(), Errors(value.Errors));
    }

    /// <summary>A display-name decision; one without a number or a decision names nothing we could follow and is skipped.</summary>
    private static WhatsAppNameUpdate? NameUpdate(string? accountId, WebhookValue value) =>
        Digits(value.DisplayPhoneNumber) is { } number && Cut(value.Decision, 40) is { Length: > 0 } decision
            ? new(accountId ?? string.Empty, number, new(decision, Cut(value.RequestedVerifiedName, 200), Cut(value.RejectionReason, 200)))
            : null;

    private static WhatsAppStatus Status(WebhookStatus status) => new(
        Required(status.Id, "id"),
        status.Status switch
        {
            "sent" => WhatsAppStatusKind.Sent,
            "delivered" => WhatsAppStatusKind.Delivered,
            "read" => WhatsAppStatusKind.Read,
            "played" => WhatsAppStatusKind.Played,
            "failed" => WhatsAppStatusKind.Failed,
            _ => WhatsAppStatusKind.Unknown,
        },
        Timestamp(status.Timestamp),
        status.RecipientId ?? string.Empty,
        Errors(status.Errors),
        status.BizOpaqueCallbackData);

    internal static List<WhatsAppError> Errors(IReadOnlyList<WebhookError>? errors) =>
        (errors ?? []).Select(e => new WhatsAppError(
            ErrorCode(e), Cut(e.Title ?? e.Message, 200) ?? string.Empty, e.ErrorData is { } data ? data.Details : e.Message)).ToList();

    /// <summary>Meta's error code; one that no int holds (or none) reads as 0, an unknown code.</summary>
    internal static int ErrorCode(WebhookError error) =>
        (error.Code ?? 0) is var code && double.IsFinite(code) && code >= 0 && code <= int.MaxValue && code == Math.Floor(code) ? (int)code : 0;

    // A timestamp beyond what a date can hold (year 9999) is read as the latest one rather than failing the whole webhook.
    internal static DateTimeOffset Timestamp(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, MaxUnixSeconds))
            : throw new WebhookPayloadException("An entry has no valid timestamp.");

    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Largest order quantity and unit price taken as real: their product stays far inside decimal's range.</summary>
    internal const int MaxQuantity = 1_000_000;

    internal const decimal MaxPrice = 1_000_000_000_000m;

    internal static string? Cut(string? value, int length) => value is null ? null : Truncate(value, length);

    internal static string? Digits(string? value) => value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit) ? value : null;

    /// <summary>A web address, only when it is one (http or https).</summary>
    internal static string? WebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.ToString() : null;

    internal static string Required(string? value, string name) => value ?? throw new WebhookPayloadException($"A required field '{name}' is missing.");

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
