using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>An error as Meta's Graph API reports it: HTTP status, Graph error code, title and details.</summary>
public sealed record GraphError(int HttpStatus, int Code, string Title, string? Details, TimeSpan? RetryAfter)
{
    /// <summary>
    /// Whether trying again later can succeed: rate limits (HTTP 429; codes 4, 80007, 130429, 131056), Meta's
    /// temporary errors (1, 2, 131000, 131016, 133004) and server errors (5xx). Everything else (an expired token,
    /// a closed 24-hour window, a bad parameter) fails the same way every time.
    /// </summary>
    public bool IsTransient => HttpStatus is 429 or >= 500 || Code is 1 or 2 or 4 or 80007 or 130429 or 131000 or 131016 or 131056 or 133004;

    /// <summary>Shown on the message and the settings page: "131047: Re-engagement message (details)".</summary>
    public override string ToString() =>
        Code == 0 ? $"HTTP {HttpStatus}: {Title}" : string.IsNullOrWhiteSpace(Details) ? $"{Code}: {Title}" : $"{Code}: {Title} ({Details})";
}

/// <summary>The Graph API refused a request.</summary>
public sealed class GraphApiException(GraphError error) : Exception(error.ToString())
{
    public GraphError Error { get; } = error;
}

/// <summary>No connection could be made: the request never left, so trying again cannot send anything twice.</summary>
public sealed class GraphUnreachableException(string message, Exception inner) : Exception(message, inner);

/// <summary>The request left but no answer came (a timeout): Meta may have acted on it.</summary>
public sealed class GraphNoAnswerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What the media endpoint says about a media id.</summary>
public sealed record GraphMediaInfo(string Url, string MimeType, long Size, string? Sha256);

/// <summary>A template as the business account lists it.</summary>
public sealed record GraphTemplate(
    string? Id, string Name, string Language, string Category, string Status, string? Header, string Body, string? Footer, IReadOnlyList<string> Buttons);

/// <summary>
/// Meta's WhatsApp Cloud API (Graph API) for one connected number. Every request goes to the connection's configured
/// Graph host; the only other host ever fetched is where Meta's media endpoint says a file is, and only if that host is
/// allowed (<see cref="MediaHostAllowed"/>). Redirects are not followed. The access token is sent as a bearer token
/// and never logged.
/// </summary>
public sealed partial class GraphApiClient(HttpClient http, ILogger<GraphApiClient> logger, GraphAddressPolicy? addresses = null)
{
    public const string HttpClientName = "WhatsAppGraph";

    /// <summary>Meta's media CDN, which its media endpoint names for downloads; allowed only with Meta's own Graph host.</summary>
    public const string MetaMediaHost = "lookaside.fbsbx.com";

    /// <summary>Sends a message; returns WhatsApp's id for it (wamid).</summary>
    internal async Task<string> SendMessageAsync(WhatsAppSecrets number, JsonObject payload, CancellationToken ct)
    {
        using var response = await SendAsync(number, HttpMethod.Post, $"{number.PhoneNumberId}/messages", JsonContent.Create(payload), ct);
        var answer = await ReadAsync(response, WireJson.Default.GraphSendAnswer, ct);
        return answer.Messages is [{ Id: { Length: > 0 } wamid }, ..]
            ? wamid
            : throw new GraphApiException(new GraphError((int)response.StatusCode, 0, "The answer named no message id", null, null));
    }

    /// <summary>Marks a customer's message as read (and everything before it, in the customer's app).</summary>
    internal async Task MarkReadAsync(WhatsAppSecrets number, string wamid, CancellationToken ct)
    {
        var payload = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = wamid };
        using var response = await SendAsync(number, HttpMethod.Post, $"{number.PhoneNumberId}/messages", JsonContent.Create(payload), ct);
        await ReadJsonAsync(response, ct);
    }

    /// <summary>Where a media file is, its type and size.</summary>
    internal async Task<GraphMediaInfo> MediaInfoAsync(WhatsAppSecrets number, string mediaId, CancellationToken ct)
    {
        if (mediaId.Length is 0 or > 64 || !mediaId.All(char.IsAsciiDigit))
        {
            throw new GraphApiException(new GraphError(0, 100, "Invalid media id", null, null));
        }

        using var response = await SendAsync(number, HttpMethod.Get, mediaId, null, ct);
        var answer = await ReadAsync(response, WireJson.Default.GraphMediaAnswer, ct);
        return new GraphMediaInfo(
            answer.Url ?? throw new GraphApiException(new GraphError(200, 0, "The media answer named no URL", null, null)),
            answer.MimeType ?? "application/octet-stream", answer.FileSize ?? -1, answer.Sha256);
    }

    /// <summary>Whether a download URL may be fetched: https (or the Graph host's own scheme) on the Graph host, or Meta's CDN when the Graph host is Meta's.</summary>
    internal static bool MediaHostAllowed(WhatsAppSecrets number, Uri url)
    {
        var graph = new Uri(number.GraphBaseUrl);
        if (string.Equals(url.Host, graph.Host, StringComparison.OrdinalIgnoreCase) && url.Port == graph.Port && url.Scheme == graph.Scheme)
        {
            return true;
        }

        var metaGraph = new Uri(Domain.Channels.WhatsAppConnection.DefaultGraphBaseUrl);
        return string.Equals(graph.Host, metaGraph.Host, StringComparison.OrdinalIgnoreCase) && url.Scheme == Uri.UriSchemeHttps
               && string.Equals(url.Host, MetaMediaHost, StringComparison.OrdinalIgnoreCase) && url.IsDefaultPort;
    }

    /// <summary>
    /// Downloads a media file into <paramref name="destination"/> as it arrives, refusing other hosts and anything larger
    /// than <paramref name="maxBytes"/>; returns its length.
    /// </summary>
    internal async Task<long> DownloadMediaAsync(WhatsAppSecrets number, string url, Stream destination, long maxBytes, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !MediaHostAllowed(number, uri))
        {
            throw new GraphApiException(new GraphError(0, 0, "The media URL is not on the Graph API host", null, null));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", number.AccessToken);
        using var response = await ExchangeAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            await ReadJsonAsync(response, ct);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await LimitedRead.CopyAsync(stream, destination, maxBytes, response.Content.Headers.ContentLength, ct);
    }

    /// <summary>Uploads a file for sending; returns its media id.</summary>
    internal async Task<string> UploadMediaAsync(WhatsAppSecrets number, Stream content, string mimeType, string fileName, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
        };
        var file = new StreamContent(content, 81920);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        form.Add(file, "file", fileName);
        using var response = await SendAsync(number, HttpMethod.Post, $"{number.PhoneNumberId}/media", form, ct);
        return (await ReadAsync(response, WireJson.Default.GraphIdAnswer, ct)).Id
               ?? throw new GraphApiException(new GraphError((int)response.StatusCode, 0, "The upload answer named no media id", null, null));
    }

    /// <summary>All templates of the business account, page by page (cursor paging; at most 40 pages).</summary>
    internal async Task<IReadOnlyList<GraphTemplate>> TemplatesAsync(WhatsAppSecrets number, CancellationToken ct)
    {
        var templates = new List<GraphTemplate>();
        string? after = null;
        for (var page = 0; page < 40; page++)
        {
            var path = $"{number.BusinessAccountId}/message_templates?limit=100"
                       + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            using var response = await SendAsync(number, HttpMethod.Get, path, null, ct);
            var json = await ReadJsonAsync(response, ct);
            if (json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                templates.AddRange(data.EnumerateArray().Select(ParseTemplate).OfType<GraphTemplate>());
            }

            after = json.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out _)
                    && paging.TryGetProperty("cursors", out var cursors) ? Text(cursors, "after") : null;
            if (after is null)
            {
                break;
            }
        }

        return templates;
    }

    private static GraphTemplate? ParseTemplate(JsonElement t)
    {
        string? header = null, body = null, footer = null;
        var buttons = new List<string>();
        if (t.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in components.EnumerateArray())
            {
                switch (Text(c, "type")?.ToUpperInvariant())
                {
                    case "HEADER" when Text(c, "format") is null or "TEXT":
                        header = Text(c, "text");
                        break;
                    case "BODY":
                        body = Text(c, "text");
                        break;
                    case "FOOTER":
                        footer = Text(c, "text");
                        break;
                    case "BUTTONS" when c.TryGetProperty("buttons", out var list) && list.ValueKind == JsonValueKind.Array:
                        buttons.AddRange(list.EnumerateArray().Select(b => Text(b, "text")).OfType<string>());
                        break;
                }
            }
        }

        var name = Text(t, "name");
        var language = Text(t, "language");
        return name is null || language is null || body is null
            ? null
            : new GraphTemplate(Text(t, "id"), name, language, Text(t, "category") ?? "UTILITY", Text(t, "status") ?? "PENDING", header, body, footer, buttons);
    }

    private async Task<HttpResponseMessage> SendAsync(WhatsAppSecrets number, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var uri = new Uri($"{number.GraphBaseUrl.TrimEnd('/')}/{number.GraphApiVersion}/{path}");
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", number.AccessToken);
        return await ExchangeAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        // The access token goes over https only (see GraphAddressPolicy); a connection stored before that rule stops here.
        if (addresses is not null && request.RequestUri is { } target && !addresses.Allows(target))
        {
            throw new GraphApiException(new GraphError(0, 0, $"The Graph API address {target.GetLeftPart(UriPartial.Authority)} is not https; nothing is sent to it", null, null));
        }

        try
        {
            return await http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                                  or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            logger.LogWarning("The Graph API at {Host} could not be reached ({Error})", request.RequestUri?.Host, ex.HttpRequestError);
            throw new GraphUnreachableException("WhatsApp's Graph API could not be reached.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphNoAnswerException("The connection to WhatsApp's Graph API broke before it answered.", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new GraphNoAnswerException("WhatsApp's Graph API did not answer in time.", ex);
        }
    }

    /// <summary>A successful answer read as <typeparamref name="T"/>; a Graph error envelope becomes a <see cref="GraphApiException"/>.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct) =>
        (await ReadJsonAsync(response, ct)).Deserialize(type)!;

    /// <summary>The JSON of a successful answer; a Graph error envelope becomes a <see cref="GraphApiException"/>.</summary>
    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement json = default;
        try
        {
            json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the HTTP status speaks.
        }

        if (response.IsSuccessStatusCode && json.ValueKind == JsonValueKind.Object)
        {
            return json;
        }

        var retryAfter = GraphHttpClient.RetryAfter(response);
        if (json.ValueKind == JsonValueKind.Object && json.Deserialize(WireJson.Default.GraphErrorAnswer)?.Error is { } error)
        {
            var code = error.Code ?? 0;
            var title = error.ErrorUserTitle ?? WithoutCode(error.Message, code) ?? response.ReasonPhrase ?? "Error";
            throw new GraphApiException(new GraphError((int)response.StatusCode, code, title, error.ErrorData?.Details, retryAfter));
        }

        throw new GraphApiException(new GraphError((int)response.StatusCode, 0,
            response.IsSuccessStatusCode ? "The answer was not JSON" : response.ReasonPhrase ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
            null, retryAfter));
    }

    /// <summary>Meta's message without the "(#131047) " it starts with: the code is shown once, in front.</summary>
    private static string? WithoutCode(string? message, int code)
    {
        var prefix = $"(#{code.ToString(CultureInfo.InvariantCulture)}) ";
        return message is not null && message.StartsWith(prefix, StringComparison.Ordinal) && message.Length > prefix.Length
            ? message[prefix.Length..]
            : message;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
