using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Web.Features.Simulator;

/// <summary>The app answered a simulated webhook with something other than 200.</summary>
public sealed class SimulatorWebhookException(string message) : Exception(message);

/// <summary>
/// Plays Meta's part towards the app: builds webhook bodies in the Cloud API's exact shape, signs them with the
/// connection's app secret (<c>X-Hub-Signature-256</c>) and POSTs them over HTTP to the app's own webhook endpoint,
/// so that a simulated customer goes through the same signature check, parsing and ingest as a real one.
/// </summary>
public sealed class SimulatorWebhooks(HttpClient http, TimeProvider clock, ILogger<SimulatorWebhooks> logger)
{
    /// <summary>Where the app that owns <paramref name="connection"/> takes webhooks: its own origin (and path base).</summary>
    internal static Uri WebhookUrl(WhatsAppSecrets connection) =>
        new(SimulatorOptions.AppBaseOf(connection.GraphBaseUrl) + WhatsAppWebhookEndpoints.Path);

    /// <summary>A customer's message: <c>value</c> with metadata, the customer's profile and the message.</summary>
    internal Task SendMessageAsync(WhatsAppSecrets connection, string customerWaId, string customerName, WebhookMessage message, CancellationToken ct) =>
        PostAsync(connection, Value(connection) with
        {
            Contacts = [new WebhookContact { Profile = new WebhookProfile { Name = customerName }, WaId = customerWaId }],
            Messages = [message],
        }, ct);

    /// <summary>Statuses of messages the app sent (sent, delivered, read), in one notification.</summary>
    internal Task SendStatusesAsync(WhatsAppSecrets connection, IEnumerable<WebhookStatus> statuses, CancellationToken ct) =>
        PostAsync(connection, Value(connection) with { Statuses = [.. statuses] }, ct);

    /// <summary>A status entry as Meta sends it; sent and delivered carry conversation and pricing, read does not.</summary>
    internal WebhookStatus Status(SimulatedMessage message, SimulatedStatus status)
    {
        var now = clock.GetUtcNow();
        var entry = new WebhookStatus
        {
            Id = message.Wamid,
            Status = status.ToString().ToLowerInvariant(),
            Timestamp = Timestamp(now),
            RecipientId = message.CustomerWaId,
            BizOpaqueCallbackData = message.CallbackData,
        };
        if (status == SimulatedStatus.Read)
        {
            return entry;
        }

        var template = message.Type == "template";
        return entry with
        {
            Conversation = new WebhookConversation
            {
                Id = ConversationId(message.CustomerWaId),
                ExpirationTimestamp = Timestamp(now.AddHours(24)),
                Origin = new WebhookConversationOrigin { Type = template ? "utility" : "service" },
            },
            Pricing = new WebhookPricing
            {
                Billable = template,
                PricingModel = "PMP",
                Category = template ? "utility" : "service",
                Type = template ? "regular" : "free_customer_service",
            },
        };
    }

    internal static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static WebhookValue Value(WhatsAppSecrets connection) => new()
    {
        MessagingProduct = "whatsapp",
        Metadata = new WebhookMetadata { DisplayPhoneNumber = SimulatorOptions.DisplayDigits, PhoneNumberId = connection.PhoneNumberId },
    };

    private static string ConversationId(string customerWaId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerWaId)))[..32];

    private async Task PostAsync(WhatsAppSecrets connection, WebhookValue value, CancellationToken ct)
    {
        var envelope = new WebhookEnvelope
        {
            Product = WebhookEnvelope.BusinessAccountObject,
            Entry = [new WebhookEntry { Id = connection.BusinessAccountId, Changes = [new WebhookChange { Value = value, Field = WebhookChange.MessagesField }] }],
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, WireJson.Default.WebhookEnvelope);
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl(connection)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, connection.AppSecret));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The app answered a simulated webhook with {Status}", (int)response.StatusCode);
            throw new SimulatorWebhookException($"The app answered the webhook with HTTP {(int)response.StatusCode}.");
        }
    }
}

/// <summary>
/// Statuses of the app's sends, posted back a moment after the send was answered (as Meta does): "sent" soon,
/// "delivered" a little later. Runs in the background so the fake answers the send at once.
/// </summary>
public sealed class SimulatorStatusSender(SimulatorWebhooks webhooks, SimulatorStore store, ILogger<SimulatorStatusSender> logger) : BackgroundService
{
    internal static readonly TimeSpan SentAfter = TimeSpan.FromMilliseconds(300);
    internal static readonly TimeSpan DeliveredAfter = TimeSpan.FromMilliseconds(1200);

    private readonly Channel<(WhatsAppSecrets Connection, string Wamid, DateTimeOffset Due, SimulatedStatus Status)> _queue =
        Channel.CreateBounded<(WhatsAppSecrets, string, DateTimeOffset, SimulatedStatus)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Queues "sent" and "delivered" for a message the app just sent.</summary>
    internal void Accepted(WhatsAppSecrets connection, string wamid)
    {
        var now = DateTimeOffset.UtcNow;
        _queue.Writer.TryWrite((connection, wamid, now + SentAfter, SimulatedStatus.Sent));
        _queue.Writer.TryWrite((connection, wamid, now + DeliveredAfter, SimulatedStatus.Delivered));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var wait = item.Due - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stoppingToken);
            }

            if (store.Find(item.Connection.PhoneNumberId, item.Wamid) is not { } message || message.Status >= item.Status)
            {
                continue;
            }

            // The phone has the status whether or not the webhook about it arrives (as on Meta's side), and whoever
            // learns of it from the app must find the phone already showing it.
            store.Advance(item.Connection.PhoneNumberId, item.Wamid, item.Status);
            try
            {
                await webhooks.SendStatusesAsync(item.Connection, [webhooks.Status(message, item.Status)], stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or SimulatorWebhookException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The simulator could not post the {Status} status of a message: {Reason}", item.Status, ex.Message);
            }
        }
    }
}
