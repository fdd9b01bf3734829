using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;
using BizInbox.Web.Identity;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.Simulator;

/// <summary>
/// The simulator's stand-in for Meta's Graph API under <c>/simulator/graph/{version}/…</c>, for the app's own
/// GraphApiClient: sends, mark-as-read, media upload, media info and download, and the template list. Only a caller
/// presenting the access token of a simulator connection gets an answer (as Meta checks its tokens), and only about
/// that connection's number. When the simulator is off, every path below it answers 404.
/// </summary>
internal static partial class SimulatorGraphEndpoints
{
    private const string Version = "{version:regex(^v\\d{{1,3}}\\.\\d{{1,2}}$)}";

    public static IEndpointRouteBuilder MapWhatsAppSimulator(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled)
        {
            endpoints.Map(SimulatorOptions.GraphPath + "/{**rest}", () => Results.NotFound())
                .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(NoStatusPages);
            return endpoints;
        }

        var graph = endpoints.MapGroup(SimulatorOptions.GraphPath).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(NoStatusPages);
        graph.MapPost($"/{Version}/{{phoneNumberId}}/messages", MessageAsync);
        graph.MapPost($"/{Version}/{{phoneNumberId}}/media", UploadAsync);
        graph.MapGet($"/{Version}/{{accountId}}/message_templates", TemplatesAsync);
        MapProfile(graph);
        graph.MapGet($"/{Version}/{{mediaId}}", MediaInfoAsync);
        graph.MapPost($"/{Version}/{{objectId}}", PostToObjectAsync);
        graph.MapGet("/media/{mediaId}", DownloadAsync);
        graph.Map("/{**rest}", () => GraphError(400, "Unsupported request.", 100, subcode: 33));

        // The simulator page shows pictures either side sent; only the owner sees it.
        endpoints.MapGet("/simulator/media/{mediaId}", (string mediaId, SimulatorStore store) =>
                store.Media(SimulatorOptions.PhoneNumberId, mediaId) is { } media ? Results.File(media.Bytes, media.MimeType, media.FileName) : Results.NotFound())
            .RequireAuthorization(Policies.Owner);
        return endpoints;
    }

    /// <summary>An API answers in its own words: no friendly HTML page (or sign-in redirect) instead of a 404.</summary>
    private static ValueTask<object?> NoStatusPages(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        return next(context);
    }

    private static async Task<IResult> MessageAsync(
        string phoneNumberId, HttpContext http, WhatsAppConnections connections, SimulatorStore store, SimulatorStatusSender statuses, TimeProvider clock)
    {
        if (await CallerAsync(http, connections) is not { } caller)
        {
            return InvalidToken();
        }

        if (caller.PhoneNumberId != phoneNumberId)
        {
            return UnsupportedRequest("post", phoneNumberId);
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null || (string?)body["messaging_product"] != "whatsapp")
        {
            return InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        if ((string?)body["status"] == "read")
        {
            if (body["message_id"] is not JsonValue id || (string?)id is not { Length: > 0 } wamid)
            {
                return InvalidParameter("The parameter message_id is required.");
            }

            store.MarkReadUpTo(phoneNumberId, wamid);
            return Ok(new GraphSuccessAnswer { Success = true }, WireJson.Default.GraphSuccessAnswer);
        }

        if (SimulatorSends.Read(body, store, phoneNumberId, clock.GetUtcNow()) is not { } message)
        {
            return InvalidParameter("The request included one or more unsupported or misspelled parameters.");
        }

        store.Add(phoneNumberId, message);
        statuses.Accepted(caller, message.Wamid);
        return Ok(new GraphSendAnswer
        {
            MessagingProduct = "whatsapp",
            Contacts = [new GraphSendContact { Input = (string?)body["to"], WaId = message.CustomerWaId }],
            Messages = [new GraphSentMessage { Id = message.Wamid, MessageStatus = message.Type == "template" ? "accepted" : null }],
        }, WireJson.Default.GraphSendAnswer);
    }

    private static async Task<IResult> UploadAsync(string phoneNumberId, HttpContext http, WhatsAppConnections connections, SimulatorStore store)
    {
        if (await CallerAsync(http, connections) is not { } caller)
        {
            return InvalidToken();
        }

        if (caller.PhoneNumberId != phoneNumberId)
        {
            return UnsupportedRequest("post", phoneNumberId);
        }

        if (!http.Request.HasFormContentType)
        {
            return InvalidParameter("The upload is a multipart form.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["messaging_product"] != "whatsapp" || form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return InvalidParameter("The parameters messaging_product and file are required.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var mime = form["type"].FirstOrDefault() is { Length: > 0 } type ? type : file.ContentType;
        var media = store.AddMedia(phoneNumberId, buffer.ToArray(), mime, file.FileName);
        return Ok(new GraphIdAnswer { Id = media.Id }, WireJson.Default.GraphIdAnswer);
    }

    private static async Task<IResult> MediaInfoAsync(string mediaId, HttpContext http, WhatsAppConnections connections, SimulatorStore store, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is not { } caller)
        {
            return InvalidToken();
        }

        if (mediaId == caller.PhoneNumberId)
        {
            return Ok(NumberStatus(profiles, mediaId));
        }

        return store.Media(caller.PhoneNumberId, mediaId) is { } media
            ? Ok(new GraphMediaAnswer
            {
                MessagingProduct = "whatsapp", Url = $"{caller.GraphBaseUrl}/media/{media.Id}", MimeType = media.MimeType, Sha256 = media.Sha256,
                FileSize = media.Bytes.Length, Id = media.Id,
            }, WireJson.Default.GraphMediaAnswer)
            : UnsupportedRequest("get", mediaId);
    }

    private static async Task<IResult> DownloadAsync(string mediaId, HttpContext http, WhatsAppConnections connections, SimulatorStore store)
    {
        if (await CallerAsync(http, connections) is not { } caller)
        {
            return InvalidToken();
        }

        return store.Media(caller.PhoneNumberId, mediaId) is { } media ? Results.File(media.Bytes, media.MimeType) : Results.NotFound();
    }

    private static async Task<IResult> TemplatesAsync(string version, string accountId, HttpContext http, WhatsAppConnections connections)
    {
        if (await CallerAsync(http, connections) is not { } caller)
        {
            return InvalidToken();
        }

        if (caller.BusinessAccountId != accountId)
        {
            return UnsupportedRequest("get", accountId);
        }

        var limit = int.TryParse(http.Request.Query["limit"], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 25;
        try
        {
            return Ok(SimulatorTemplates.Page(limit, http.Request.Query["after"].FirstOrDefault(),
                after => $"{caller.GraphBaseUrl}/{version}/{accountId}/message_templates?limit={limit}&after={Uri.EscapeDataString(after)}"));
        }
        catch (FormatException)
        {
            return InvalidParameter("The after cursor is not valid.");
        }
    }

    /// <summary>The simulator connection whose access token the request presents, or null.</summary>
    private static async Task<WhatsAppSecrets?> CallerAsync(HttpContext http, WhatsAppConnections connections)
    {
        // The resumable upload's own step presents the token as "OAuth", as Meta documents it.
        var header = http.Request.Headers.Authorization.ToString();
        var scheme = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer "
            : header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? "OAuth " : null;
        if (scheme is null)
        {
            return null;
        }

        var token = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        var secrets = await connections.SecretsAsync(http.RequestAborted);
        return secrets.FirstOrDefault(s => SimulatorOptions.IsSimulator(s.GraphBaseUrl) && s.AccessToken.Length > 0
                                           && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s.AccessToken), token));
    }

    private static IResult Ok(JsonObject json) => Results.Text(json.ToJsonString(), "application/json; charset=UTF-8");

    private static IResult Ok<T>(T answer, JsonTypeInfo<T> type, int status = 200) =>
        Results.Text(JsonSerializer.Serialize(answer, type), "application/json; charset=UTF-8", statusCode: status);

    private static IResult InvalidToken() => GraphError(401, "Invalid OAuth access token - Cannot parse access token", 190);

    private static IResult InvalidParameter(string details) => GraphError(400, "(#100) Invalid parameter", 100, details);

    private static IResult UnsupportedRequest(string method, string id) =>
        GraphError(400, $"Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", 100, subcode: 33);

    /// <summary>Meta's error envelope: <c>{"error":{"message","type","code","error_subcode","error_data","fbtrace_id"}}</c>.</summary>
    private static IResult GraphError(int status, string message, int code, string? details = null, int? subcode = null) =>
        Ok(new GraphErrorAnswer
        {
            Error = new GraphErrorBody
            {
                Message = message, Type = "OAuthException", Code = code,
                ErrorData = details is null ? null : new GraphErrorData { MessagingProduct = "whatsapp", Details = details },
                ErrorSubcode = subcode, FbtraceId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)),
            },
        }, WireJson.Default.GraphErrorAnswer, status);
}
