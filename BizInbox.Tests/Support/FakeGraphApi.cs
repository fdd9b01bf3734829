using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace BizInbox.Tests.Support;

/// <summary>
/// Meta's WhatsApp Cloud API (Graph API) as a real HTTP server on a loopback port: sends, read receipts, media
/// upload and download, template listing with cursor paging, and Meta's error envelope for injected failures.
/// </summary>
public sealed partial class FakeGraphApi : IAsyncDisposable
{
    private const int DefaultTemplatePageSize = 25;
    private const string GraphDocs = "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly List<GraphRequest> _requests = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<PlannedFailure> _failures = [];
    private readonly Dictionary<string, StoredMedia> _media = [];
    private readonly Dictionary<string, (byte[] Bytes, string MimeType, string? FileName)> _uploads = [];
    private readonly List<Template> _templates = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _lastId = 1_000_000_000_000_000;
    private long _lastMessage;
    private int _disposed;

    private FakeGraphApi(string accessToken, string version)
    {
        AccessToken = accessToken;
        Version = version;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash, no path).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The only access token the fake accepts.</summary>
    public string AccessToken { get; }

    /// <summary>The Graph version the app is expected to use; the fake answers on any <c>vNN.N</c> prefix.</summary>
    public string Version { get; }

    /// <summary><see cref="BaseUrl"/> with <see cref="Version"/>, e.g. <c>http://127.0.0.1:54321/v21.0</c>.</summary>
    public string VersionedUrl => $"{BaseUrl}/{Version}";

    /// <summary>Every request received, failed ones included, in the order they were answered (a snapshot).</summary>
    public IReadOnlyList<GraphRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Accepted (HTTP 200) message sends; read receipts are not among them.</summary>
    public IReadOnlyList<GraphRequest> Sends => [.. Requests.Where(r => r.IsSend && r.StatusCode == 200)];

    /// <summary>Accepted (HTTP 200) mark-as-read requests (<c>"status":"read"</c> on the messages endpoint).</summary>
    public IReadOnlyList<GraphRequest> ReadReceipts => [.. Requests.Where(r => r.IsReadReceipt && r.StatusCode == 200)];

    /// <summary>Media the app uploaded through <c>POST /{phone-number-id}/media</c>, by the id the fake returned.</summary>
    public IReadOnlyDictionary<string, (byte[] Bytes, string MimeType, string? FileName)> Uploads
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, (byte[] Bytes, string MimeType, string? FileName)>(_uploads);
            }
        }
    }

    /// <summary>Starts the fake on a free loopback port.</summary>
    /// <param name="accessToken">The bearer token the app must present.</param>
    /// <param name="version">The Graph version the app is configured with.</param>
    public static async Task<FakeGraphApi> StartAsync(string accessToken = "EAAG-test-token", string version = "v21.0")
    {
        var fake = new FakeGraphApi(accessToken, version);
        try
        {
            await fake.StartServerAsync();
            return fake;
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes with the first accepted send that matches, whether it arrived before or after the call.</summary>
    /// <exception cref="TimeoutException">No such send within <paramref name="timeout"/> (10 s by default); lists what was received.</exception>
    public Task<GraphRequest> WaitForSendAsync(Func<GraphRequest, bool>? match = null, TimeSpan? timeout = null) =>
        WaitAsync(r => r.IsSend && r.StatusCode == 200 && (match is null || match(r)), "accepted send", timeout);

    /// <summary>Completes with the first request (failed ones included) that matches, whether it arrived before or after the call.</summary>
    /// <exception cref="TimeoutException">No such request within <paramref name="timeout"/> (10 s by default); lists what was received.</exception>
    public Task<GraphRequest> WaitForRequestAsync(Func<GraphRequest, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        return WaitAsync(match, "matching request", timeout);
    }

    /// <summary>Answers the next <paramref name="times"/> requests whose path contains <paramref name="pathContains"/> with <paramref name="failure"/>.</summary>
    /// <remarks>Mark-as-read requests go to <c>/messages</c> too; use the predicate overload to aim at sends only.</remarks>
    public void FailNext(GraphFailure failure, int times = 1, string pathContains = "/messages")
    {
        ArgumentNullException.ThrowIfNull(pathContains);
        FailNext(failure, r => r.Path.Contains(pathContains, StringComparison.Ordinal), times);
    }

    /// <summary>Answers the next <paramref name="times"/> requests that match with <paramref name="failure"/>.</summary>
    /// <remarks>The request passed to <paramref name="match"/> has not been answered yet: its <see cref="GraphRequest.StatusCode"/> is 0.</remarks>
    public void FailNext(GraphFailure failure, Func<GraphRequest, bool> match, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _failures.Add(new PlannedFailure(failure, match, times));
        }
    }

    /// <summary>The Retry-After header answered with <see cref="GraphFailure.TooManyRequests"/>.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Registers media as if a customer had sent it; returns its media id (digits).</summary>
    /// <param name="bytes">The file.</param>
    /// <param name="mimeType">The type the media endpoint reports.</param>
    /// <param name="downloadUrl">The URL the media endpoint names instead of the fake's own (e.g. a foreign host).</param>
    public string AddMedia(byte[] bytes, string mimeType, string? downloadUrl = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        var id = NewId();
        lock (_gate)
        {
            _media[id] = new StoredMedia([.. bytes], mimeType, downloadUrl);
        }

        return id;
    }

    /// <summary>Adds a template that <c>GET /{waba-id}/message_templates</c> lists, in the order added.</summary>
    public void AddTemplate(string name, string language, string category, string status, string bodyText, params string[] quickReplyButtons)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(quickReplyButtons);
        lock (_gate)
        {
            _templates.Add(new Template(NewId(), name, language, category, status, bodyText, [.. quickReplyButtons]));
        }
    }

    /// <summary>Stops the server; requests held by <see cref="GraphFailure.Timeout"/> are aborted and pending waits fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Waiter[] abandoned;
        lock (_gate)
        {
            abandoned = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in abandoned)
        {
            waiter.Done.TrySetException(new ObjectDisposedException(nameof(FakeGraphApi)));
        }

        _stopping.Dispose();
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The test host's appsettings and ASPNETCORE_* variables (urls, Kestrel endpoints) must not move the fake.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.Single().TrimEnd('/');
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (request, form, raw) = await ReadAsync(context.Request, context.RequestAborted);
        var failure = TakeFailure(request);
        if (failure == GraphFailure.Timeout)
        {
            Record(request);
            await HoldAsync(context);
            return;
        }

        var reply = failure is { } planned ? FailureReply(planned) : await RouteAsync(context.Request, request, form, raw);
        if (failure == GraphFailure.TooManyRequests)
        {
            reply = reply with { RetryAfter = RetryAfter };
        }

        Record(request with { StatusCode = reply.StatusCode, ResponseBody = reply.Json?.ToJsonString(Wire) ?? string.Empty });
        await WriteAsync(context.Response, reply, context.RequestAborted);
    }

    private static async Task<(GraphRequest Request, IFormCollection? Form, byte[] Raw)> ReadAsync(HttpRequest http, CancellationToken cancel)
    {
        IFormCollection? form = null;
        string body;
        byte[] raw = [];
        if (http.HasFormContentType)
        {
            form = await http.ReadFormAsync(cancel);
            body = DescribeForm(form);
        }
        else
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, cancel);
            raw = buffer.ToArray();
            body = Encoding.UTF8.GetString(raw);
        }

        var authorization = http.Headers.Authorization.Count > 0 ? http.Headers.Authorization.ToString() : null;
        var request = new GraphRequest(http.Method, http.Path.Value ?? "/", http.QueryString.Value ?? string.Empty,
            authorization, http.ContentType ?? string.Empty, body, 0);
        return (request, form, raw);
    }

    private static string DescribeForm(IFormCollection form)
    {
        var parts = form.Select(f => $"{f.Key}={f.Value}")
            .Concat(form.Files.Select(f => $"{f.Name}={f.FileName} ({f.ContentType}, {f.Length} bytes)"));
        return string.Join('&', parts);
    }

    private async Task<Reply> RouteAsync(HttpRequest http, GraphRequest request, IFormCollection? form, byte[] raw)
    {
        var segments = request.Path.Trim('/').Split('/');
        if (segments is ["whatsapp_business", "attachments"])
        {
            return Download(http);
        }

        if (segments.Length < 2 || !IsVersion(segments[0]))
        {
            return UnsupportedRequest(request.Method, segments[0]);
        }

        if (Unauthorized(http) is { } denied)
        {
            return denied;
        }

        return (request.Method, segments[1..]) switch
        {
            ("POST", [_, "messages"]) => Message(request),
            ("POST", [_, "media"]) => await UploadAsync(form, http.HttpContext.RequestAborted),
            ("GET", [var mediaId]) when IsDigits(mediaId) && MediaInfo(mediaId) is { } info => info,
            ("GET", [_, "message_templates"]) => Templates(http),
            ("GET", ["app"]) => Ok(new JsonObject { ["id"] = AppId }),
            ("GET", [var number, "whatsapp_business_profile"]) => BusinessProfile(number, http),
            ("POST", [var number, "whatsapp_business_profile"]) => UpdateBusinessProfile(number, request),
            ("POST", [var app, "uploads"]) when app == AppId => UploadSession(http),
            ("POST", [var upload]) when upload.StartsWith("upload:", StringComparison.Ordinal) => UploadFile(upload, http, raw),
            ("GET", [var number]) when IsDigits(number) && http.Query.ContainsKey("fields") => PhoneNumberFields(number, http),
            ("POST", [var number]) when IsDigits(number) && http.Query.ContainsKey("new_display_name") => NewDisplayName(number, http),
            (_, [_, .. var edge]) when edge.Length > 0 => GraphError(400, $"Unknown path components: /{string.Join('/', edge)}", "OAuthException", 2500),
            (_, [var id, ..]) => UnsupportedRequest(request.Method, id),
            _ => UnsupportedRequest(request.Method, string.Empty),
        };
    }

    private Reply? Unauthorized(HttpRequest http)
    {
        // Graph takes the token as "Bearer", as "OAuth", or as the access_token query parameter.
        var header = http.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? header["OAuth ".Length..].Trim()
            : http.Query["access_token"].FirstOrDefault();
        if (string.IsNullOrEmpty(token))
        {
            return GraphError(401, "An access token is required to request this resource.", "OAuthException", 104);
        }

        return token == AccessToken
            ? null
            : GraphError(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
    }

    private Reply Message(GraphRequest request)
    {
        var json = request.Json;
        if (json.ValueKind != JsonValueKind.Object)
        {
            return InvalidParameter("The request body must be a JSON object (Content-Type: application/json).");
        }

        if (Text(json, "messaging_product") != "whatsapp")
        {
            return InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        if (request.IsReadReceipt)
        {
            return Text(json, "message_id") is { Length: > 0 }
                ? Ok(new JsonObject { ["success"] = true })
                : InvalidParameter("The parameter message_id is required.");
        }

        if (Text(json, "to") is not { Length: > 0 } to)
        {
            return InvalidParameter("The parameter to is required.");
        }

        // Meta documents type as optional with "text" as the default.
        var type = Text(json, "type") ?? "text";
        if (!json.TryGetProperty(type, out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return InvalidParameter($"The parameter {type} is required.");
        }

        if (type == "text" && Text(content, "body") is not { Length: > 0 })
        {
            return InvalidParameter("The parameter text['body'] is required.");
        }

        var message = new JsonObject { ["id"] = NewWamid(to) };
        if (type == "template")
        {
            message["message_status"] = "accepted";
        }

        return Ok(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = new string([.. to.Where(char.IsAsciiDigit)]) }),
            ["messages"] = new JsonArray(message),
        });
    }

    private async Task<Reply> UploadAsync(IFormCollection? form, CancellationToken cancel)
    {
        if (form is null || form["messaging_product"] != "whatsapp")
        {
            return InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return InvalidParameter("The parameter file is required.");
        }

        if (form["type"].FirstOrDefault() is not { Length: > 0 } mimeType)
        {
            return InvalidParameter("The parameter type is required.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancel);
        var bytes = buffer.ToArray();
        var id = NewId();
        lock (_gate)
        {
            _media[id] = new StoredMedia(bytes, mimeType);
            _uploads[id] = (bytes, mimeType, string.IsNullOrEmpty(file.FileName) ? null : file.FileName);
        }

        return Ok(new JsonObject { ["id"] = id });
    }

    private Reply? MediaInfo(string id)
    {
        StoredMedia? media;
        lock (_gate)
        {
            media = _media.GetValueOrDefault(id);
        }

        if (media is null)
        {
            return null;
        }

        // Meta's URL is on lookaside.fbsbx.com, valid for five minutes ("ext" is the expiry), and needs the same bearer token.
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Ok(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["url"] = media.DownloadUrl ?? $"{BaseUrl}/whatsapp_business/attachments/?mid={id}&ext={expires}&hash={Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12))}",
            ["mime_type"] = media.MimeType,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(media.Bytes)),
            ["file_size"] = media.Bytes.Length,
            ["id"] = id,
        });
    }

    private Reply Download(HttpRequest http)
    {
        if (Unauthorized(http) is not null)
        {
            return new Reply(401, null);
        }

        StoredMedia? media;
        lock (_gate)
        {
            media = _media.GetValueOrDefault(http.Query["mid"].ToString());
        }

        return media is null ? new Reply(404, null) : new Reply(200, null, media);
    }

    private Reply Templates(HttpRequest http)
    {
        var query = http.Query;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var requested) && requested > 0 ? requested : DefaultTemplatePageSize;
        Template[] all;
        lock (_gate)
        {
            all = [.. _templates.Where(t => Matches(query["name"], t.Name, contains: true) && Matches(query["status"], t.Status)
                && Matches(query["category"], t.Category) && Matches(query["language"], t.Language))];
        }

        int start = 0, end;
        if (query["after"].FirstOrDefault() is { } after)
        {
            var index = CursorIndex(all, after);
            if (index < 0)
            {
                return InvalidParameter("The after cursor is not valid.");
            }

            start = index + 1;
            end = Math.Min(all.Length, start + limit);
        }
        else if (query["before"].FirstOrDefault() is { } before)
        {
            end = CursorIndex(all, before);
            if (end < 0)
            {
                return InvalidParameter("The before cursor is not valid.");
            }

            start = Math.Max(0, end - limit);
        }
        else
        {
            end = Math.Min(all.Length, limit);
        }

        var page = all[start..end];
        var fields = query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new JsonObject { ["data"] = new JsonArray([.. page.Select(t => TemplateJson(t, fields))]) };
        if (page.Length > 0)
        {
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = Cursor(page[0]), ["after"] = Cursor(page[^1]) },
            };
            if (start > 0)
            {
                paging["previous"] = PageUrl(http, "before", Cursor(page[0]), limit);
            }

            if (end < all.Length)
            {
                paging["next"] = PageUrl(http, "after", Cursor(page[^1]), limit);
            }

            result["paging"] = paging;
        }

        return Ok(result);
    }

    private static bool Matches(StringValues filter, string value, bool contains = false) =>
        filter.FirstOrDefault() is not { Length: > 0 } wanted
        || (contains ? value.Contains(wanted, StringComparison.OrdinalIgnoreCase) : value.Equals(wanted, StringComparison.OrdinalIgnoreCase));

    private static JsonObject TemplateJson(Template template, string[] fields)
    {
        var components = new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = template.BodyText });
        if (template.QuickReplies.Length > 0)
        {
            var buttons = template.QuickReplies.Select(text => (JsonNode)new JsonObject { ["type"] = "QUICK_REPLY", ["text"] = text });
            components.Add(new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray([.. buttons]) });
        }

        var json = new JsonObject
        {
            ["name"] = template.Name,
            ["parameter_format"] = "POSITIONAL",
            ["components"] = components,
            ["language"] = template.Language,
            ["status"] = template.Status,
            ["category"] = template.Category,
            ["id"] = template.Id,
        };
        if (fields.Length > 0)
        {
            // Graph returns only the requested fields, and always the id.
            foreach (var name in json.Select(p => p.Key).Where(k => k != "id" && !fields.Contains(k)).ToList())
            {
                json.Remove(name);
            }
        }

        return json;
    }

    private static string Cursor(Template template) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(template.Id));

    private static int CursorIndex(Template[] templates, string cursor) => Array.FindIndex(templates, t => Cursor(t) == cursor);

    private string PageUrl(HttpRequest http, string direction, string cursor, int limit)
    {
        var pairs = http.Query.Where(p => p.Key is not ("after" or "before" or "limit"))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create(direction, (string?)cursor));
        return $"{BaseUrl}{http.Path}{QueryString.Create(pairs)}";
    }

    private GraphFailure? TakeFailure(GraphRequest request)
    {
        lock (_gate)
        {
            var planned = _failures.FirstOrDefault(f => f.Match(request));
            if (planned is null)
            {
                return null;
            }

            if (--planned.Remaining == 0)
            {
                _failures.Remove(planned);
            }

            return planned.Failure;
        }
    }

    // Codes, messages and HTTP statuses as in Meta's Cloud API error code reference.
    private static Reply FailureReply(GraphFailure failure) => failure switch
    {
        GraphFailure.RateLimited => GraphError(400, "(#130429) Rate limit hit", "OAuthException", 130429,
            "Cloud API message throughput has been reached."),
        GraphFailure.TooManyRequests => GraphError(429, "(#4) Application request limit reached", "OAuthException", 4,
            "The app has reached its API call rate limit."),
        GraphFailure.ServerError => GraphError(500, "(#131000) Something went wrong", "OAuthException", 131000,
            "Message failed to send due to an unknown error."),
        GraphFailure.ServiceUnavailable => GraphError(503, "(#2) Service temporarily unavailable", "OAuthException", 2,
            "The service is temporarily unavailable."),
        GraphFailure.ReEngagementRequired => GraphError(400, "(#131047) Re-engagement message", "OAuthException", 131047,
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
        GraphFailure.InvalidParameter => InvalidParameter("The request included one or more unsupported or misspelled parameters."),
        GraphFailure.ExpiredToken => ExpiredToken(),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Timeout is handled by holding the request."),
    };

    private static Reply ExpiredToken()
    {
        var now = DateTimeOffset.UtcNow;
        const string Format = "dddd, dd-MMM-yy HH:mm:ss 'UTC'";
        var message = $"Error validating access token: Session has expired on {now.AddHours(-1).ToString(Format, CultureInfo.InvariantCulture)}. "
            + $"The current time is {now.ToString(Format, CultureInfo.InvariantCulture)}.";
        return GraphError(401, message, "OAuthException", 190, subcode: 463);
    }

    private static Reply InvalidParameter(string details) =>
        GraphError(400, "(#100) Invalid parameter", "OAuthException", 100, details);

    private static Reply UnsupportedRequest(string method, string id) =>
        GraphError(400, $"Unsupported {method.ToLowerInvariant()} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. {GraphDocs}",
            "GraphMethodException", 100, subcode: 33);

    private static Reply GraphError(int status, string message, string type, int code, string? details = null, int? subcode = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (details is not null)
        {
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details };
        }

        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        error["fbtrace_id"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(17));
        return new Reply(status, new JsonObject { ["error"] = error });
    }

    private static Reply Ok(JsonObject json) => new(200, json);

    private static async Task WriteAsync(HttpResponse response, Reply reply, CancellationToken cancel)
    {
        response.StatusCode = reply.StatusCode;
        if (reply.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (reply.File is { } file)
        {
            response.ContentType = file.MimeType;
            response.ContentLength = file.Bytes.Length;
            await response.Body.WriteAsync(file.Bytes, cancel);
            return;
        }

        if (reply.Json is null)
        {
            return;
        }

        if (reply.StatusCode is >= 400 and < 500 && reply.Json["error"] is JsonObject error)
        {
            var kind = (int?)error["code"] == 190 ? "invalid_token" : "invalid_request";
            response.Headers.WWWAuthenticate = $"OAuth \"Facebook Platform\" \"{kind}\" \"{(string?)error["message"]}\"";
        }

        response.ContentType = "application/json; charset=UTF-8";
        await response.WriteAsync(reply.Json.ToJsonString(Wire), cancel);
    }

    private async Task HoldAsync(HttpContext context)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, held.Token);
        }
        catch (OperationCanceledException)
        {
            // the client gave up or the fake is stopping: either way no answer is ever sent
        }

        context.Abort();
    }

    private void Record(GraphRequest request)
    {
        List<(Waiter Waiter, Exception? Error)> completed = [];
        lock (_gate)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.ToList())
            {
                try
                {
                    if (waiter.Match(request))
                    {
                        completed.Add((waiter, null));
                    }
                }
                catch (Exception e)
                {
                    completed.Add((waiter, e));
                }
            }

            _waiters.RemoveAll(w => completed.Exists(c => c.Waiter == w));
        }

        foreach (var (waiter, error) in completed)
        {
            if (error is null)
            {
                waiter.Done.TrySetResult(request);
            }
            else
            {
                waiter.Done.TrySetException(error);
            }
        }
    }

    private async Task<GraphRequest> WaitAsync(Func<GraphRequest, bool> match, string what, TimeSpan? timeout)
    {
        var waiter = new Waiter(match, new TaskCompletionSource<GraphRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_requests.FirstOrDefault(match) is { } earlier)
            {
                return earlier;
            }

            _waiters.Add(waiter);
        }

        var limit = timeout ?? DefaultWaitTimeout;
        try
        {
            return await waiter.Done.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            var received = Requests;
            var list = received.Count == 0
                ? "  (nothing)"
                : string.Join(Environment.NewLine, received.Select(r => $"  {r.StatusCode} {r.Method} {r.Path}{r.Query} {Shorten(r.Body)}"));
            throw new TimeoutException($"No {what} reached the fake Graph API within {limit.TotalSeconds:0.###} s. Received:{Environment.NewLine}{list}");
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private string NewId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    private string NewWamid(string to)
    {
        var sequence = Interlocked.Increment(ref _lastMessage);
        return "wamid." + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{to}:{sequence:D6}:{Guid.NewGuid():N}"));
    }

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsVersion(string segment) =>
        segment.Length > 1 && segment[0] == 'v' && segment[1..].Split('.') is [var major, var minor] && IsDigits(major) && IsDigits(minor);

    private static bool IsDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    private sealed record Reply(int StatusCode, JsonObject? Json, StoredMedia? File = null, TimeSpan? RetryAfter = null);

    private sealed record StoredMedia(byte[] Bytes, string MimeType, string? DownloadUrl = null);

    private sealed record Template(string Id, string Name, string Language, string Category, string Status, string BodyText, string[] QuickReplies);

    private sealed record Waiter(Func<GraphRequest, bool> Match, TaskCompletionSource<GraphRequest> Done);

    private sealed class PlannedFailure(GraphFailure failure, Func<GraphRequest, bool> match, int remaining)
    {
        public GraphFailure Failure { get; } = failure;

        public Func<GraphRequest, bool> Match { get; } = match;

        public int Remaining { get; set; } = remaining;
    }
}

/// <summary>One request as the fake Graph API received it, with the status it was answered with.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/v21.0/106540352242922/messages</c>.</param>
/// <param name="Query">Query string with its leading <c>?</c>, or empty.</param>
/// <param name="Authorization">The Authorization header, e.g. <c>Bearer EAAG…</c>, or null when absent.</param>
/// <param name="ContentType">The Content-Type header, or empty.</param>
/// <param name="Body">The body as text; for multipart uploads a summary such as <c>messaging_product=whatsapp&amp;type=image/png&amp;file=a.png (image/png, 12 bytes)</c>.</param>
/// <param name="StatusCode">The HTTP status answered; 0 while not yet answered and for requests held by <see cref="GraphFailure.Timeout"/>.</param>
public sealed record GraphRequest(string Method, string Path, string Query, string? Authorization, string ContentType, string Body, int StatusCode)
{
    /// <summary>The parsed body for JSON requests; <c>default</c> (<see cref="JsonValueKind.Undefined"/>) otherwise.</summary>
    public JsonElement Json { get; } = ParseJson(ContentType, Body);

    /// <summary>The JSON the fake answered with, or empty (media bytes, held or unanswered requests).</summary>
    public string ResponseBody { get; init; } = string.Empty;

    /// <summary>A POST to <c>/{phone-number-id}/messages</c> that is a mark-as-read (<c>"status":"read"</c>).</summary>
    public bool IsReadReceipt => IsMessagesPost && Json.ValueKind == JsonValueKind.Object
        && Json.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "read";

    /// <summary>A POST to <c>/{phone-number-id}/messages</c> that sends a message (not a mark-as-read), whatever its outcome.</summary>
    public bool IsSend => IsMessagesPost && !IsReadReceipt;

    /// <summary>The wamid the fake answered an accepted send with; null otherwise.</summary>
    public string? MessageId
    {
        get
        {
            if (StatusCode != 200 || !IsSend || ResponseBody.Length == 0)
            {
                return null;
            }

            using var response = JsonDocument.Parse(ResponseBody);
            return response.RootElement.GetProperty("messages")[0].GetProperty("id").GetString();
        }
    }

    private bool IsMessagesPost => Method == "POST" && Path.TrimEnd('/').EndsWith("/messages", StringComparison.Ordinal);

    private static JsonElement ParseJson(string contentType, string body)
    {
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

/// <summary>Failures <see cref="FakeGraphApi.FailNext(GraphFailure, int, string)"/> can inject, answered in Meta's error envelope.</summary>
public enum GraphFailure
{
    /// <summary>HTTP 400, code 130429 "Rate limit hit": Cloud API message throughput has been reached (Meta answers throughput limits with 400, not 429).</summary>
    RateLimited,

    /// <summary>HTTP 429, code 4 "Application request limit reached", with a Retry-After header of <see cref="FakeGraphApi.RetryAfter"/>.</summary>
    TooManyRequests,

    /// <summary>HTTP 500, code 131000 "Something went wrong".</summary>
    ServerError,

    /// <summary>HTTP 503, code 2 "Service temporarily unavailable".</summary>
    ServiceUnavailable,

    /// <summary>No answer at all: the request is held until the client gives up or the fake is disposed.</summary>
    Timeout,

    /// <summary>HTTP 400, code 131047 "Re-engagement message": the 24-hour customer service window is closed.</summary>
    ReEngagementRequired,

    /// <summary>HTTP 400, code 100 "Invalid parameter".</summary>
    InvalidParameter,

    /// <summary>HTTP 401, code 190 (subcode 463): the access token has expired.</summary>
    ExpiredToken,
}
