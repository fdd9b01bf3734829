using System.Security.Cryptography;
using System.Text;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>
/// <c>GET /webhooks/whatsapp</c> answers Meta's verification; <c>POST /webhooks/whatsapp</c> takes signed notifications.
/// The signature is checked on the raw body before anything else; 200 is returned only after the messages are
/// committed, so Meta's retries never lose an acknowledged message.
/// </summary>
internal static class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, VerifyAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, WhatsAppConnections connections)
    {
        var query = context.Request.Query;
        var token = Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString());
        var challenge = query["hub.challenge"].ToString();
        if (query["hub.mode"] != "subscribe" || challenge.Length == 0)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var secrets = await connections.SecretsAsync(context.RequestAborted);
        var known = secrets.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s.VerifyToken), token));
        return known ? Results.Text(challenge, "text/plain") : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, WhatsAppConnections connections, WhatsAppBatchWriter ingest, IWhatsAppNameDecisions profiles,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("BizInbox.Web.Channels.WhatsApp.Webhook");
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Refused a WhatsApp webhook larger than {Limit} bytes", MaxBodyBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var secrets = await connections.SecretsAsync(context.RequestAborted);
        var header = context.Request.Headers[WebhookSignature.HeaderName].ToString();
        if (!secrets.Any(s => WebhookSignature.IsValid(body, header, s.AppSecret)))
        {
            logger.LogWarning("Refused a WhatsApp webhook without a valid signature ({Length} bytes)", body.Length);
            return Results.Unauthorized();
        }

        WebhookNotifications notifications;
        try
        {
            notifications = WebhookPayload.ParseNotifications(body);
        }
        catch (WebhookPayloadException ex)
        {
            logger.LogWarning("Refused a signed but unreadable WhatsApp webhook: {Reason}", ex.Message);
            return Results.BadRequest();
        }
        catch (WebhookIgnoredException ex)
        {
            logger.LogWarning("Ignored a signed webhook that is not a WhatsApp Business Account notification: {Kind}", ex.Message);
            return Results.Ok();
        }

        foreach (var change in notifications.Changes)
        {
            var connection = secrets.FirstOrDefault(s => s.PhoneNumberId == change.PhoneNumberId && WebhookSignature.IsValid(body, header, s.AppSecret));
            if (connection is null)
            {
                logger.LogWarning("A WhatsApp webhook named phone number id {PhoneNumberId}, which is not connected", change.PhoneNumberId);
                continue;
            }

            IngestResult result;
            try
            {
                result = await ingest.IngestAsync(connection.InboxId, change, context.RequestAborted);
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
            {
                // Not committed: anything but 200 makes Meta deliver the webhook again (what was stored is recognised then).
                logger.LogError(ex, "A WhatsApp webhook for inbox {InboxId} could not be stored; answering 500 so that Meta retries", connection.InboxId);
                return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The webhook could not be stored; deliver it again.");
            }

            foreach (var (error, source) in change.ReportedErrors)
            {
                // Code and Meta's title only: the details and the recipient can name a customer.
                logger.LogWarning("WhatsApp reported error {Code} ({Title}) in a {Source} for inbox {InboxId}", error.Code, error.Title, source, connection.InboxId);
            }

            logger.LogDebug("WhatsApp webhook for inbox {InboxId}: {Stored} stored, {Duplicates} duplicates, {Statuses} statuses",
                connection.InboxId, result.Stored, result.Duplicates, change.Statuses.Count);
        }

        if (notifications.NameUpdates.Count > 0)
        {
            var signed = secrets.Where(s => WebhookSignature.IsValid(body, header, s.AppSecret)).Select(s => s.InboxId).ToList();
            foreach (var update in notifications.NameUpdates)
            {
                var applied = await profiles.ApplyNameDecisionAsync(update, signed, context.RequestAborted);
                logger.LogInformation("WhatsApp decided {Decision} on a display name of a business number; {Outcome}",
                    update.Decision.Decision, applied ? "the review follows it" : "no open review of ours");
            }
        }

        return Results.Ok();
    }

    /// <summary>The raw body, or null when it exceeds the limit (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await LimitedRead.ReadAllAsync(request.Body, MaxBodyBytes, request.ContentLength, ct);
        }
        catch (ContentTooLargeException)
        {
            return null;
        }
    }
}
