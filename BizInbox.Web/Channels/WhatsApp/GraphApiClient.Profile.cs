using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BizInbox.Web.Channels.WhatsApp.Wire;
using BizInbox.Domain.Profiles;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>The business profile as WhatsApp has it (GET /{phone-number-id}/whatsapp_business_profile).</summary>
public sealed record GraphBusinessProfile(string About, string Address, string Description, string Email, string Vertical, IReadOnlyList<string> Websites);

/// <summary>The business profile, the profile picture's resumable upload and the number's name review.</summary>
public sealed partial class GraphApiClient
{
    public const string ProfileFields = "about,address,description,email,profile_picture_url,websites,vertical";

    public const string NumberStatusFields =
        "verified_name,name_status,new_display_name,new_name_status,is_official_business_account,quality_rating,messaging_limit_tier";

    internal async Task<GraphBusinessProfile> BusinessProfileAsync(WhatsAppSecrets number, CancellationToken ct)
    {
        using var response = await SendAsync(number, HttpMethod.Get, $"{number.PhoneNumberId}/whatsapp_business_profile?fields={ProfileFields}", null, ct);
        var json = await ReadJsonAsync(response, ct);
        var data = json.TryGetProperty("data", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 ? list[0] : default;
        var websites = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("websites", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
            : [];
        return new(Text(data, "about") ?? "", Text(data, "address") ?? "", Text(data, "description") ?? "", Text(data, "email") ?? "",
            Text(data, "vertical") ?? "", websites);
    }

    /// <summary>
    /// Replaces the business profile. Empty fields are sent as empty strings so that WhatsApp clears them too, except
    /// the vertical, which Meta cannot set back to empty.
    /// </summary>
    internal async Task UpdateBusinessProfileAsync(WhatsAppSecrets number, ProfileFields fields, string? pictureHandle, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["about"] = fields.About,
            ["address"] = fields.Address,
            ["description"] = fields.Description,
            ["email"] = fields.Email,
            ["websites"] = new JsonArray([.. fields.Websites.Select(w => (JsonNode)JsonValue.Create(w))]),
        };
        if (fields.Vertical.Length > 0)
        {
            body["vertical"] = fields.Vertical;
        }

        if (pictureHandle is not null)
        {
            body["profile_picture_handle"] = pictureHandle;
        }

        using var response = await SendAsync(number, HttpMethod.Post, $"{number.PhoneNumberId}/whatsapp_business_profile", JsonContent.Create(body), ct);
        await ReadJsonAsync(response, ct);
    }

    /// <summary>
    /// Uploads the profile picture through Meta's Resumable Upload API and returns the handle (h) that
    /// profile_picture_handle takes: the app the token belongs to (GET /app) opens an upload session
    /// (POST /{app-id}/uploads), then the file goes to POST /upload:{id} from offset 0.
    /// </summary>
    internal async Task<string> UploadProfilePictureAsync(WhatsAppSecrets number, byte[] picture, string contentType, CancellationToken ct)
    {
        using var app = await SendAsync(number, HttpMethod.Get, "app?fields=id", null, ct);
        var appId = (await ReadAsync(app, WireJson.Default.GraphIdAnswer, ct)).Id ?? throw NoField(app, "app id");
        var name = contentType == "image/png" ? "profile.png" : "profile.jpg";
        var query = $"file_name={name}&file_length={picture.Length.ToString(CultureInfo.InvariantCulture)}&file_type={Uri.EscapeDataString(contentType)}";
        using var session = await SendAsync(number, HttpMethod.Post, $"{appId}/uploads?{query}", null, ct);
        var uploadId = (await ReadAsync(session, WireJson.Default.GraphIdAnswer, ct)).Id ?? throw NoField(session, "upload session id");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{number.GraphBaseUrl.TrimEnd('/')}/{number.GraphApiVersion}/{uploadId}"))
        {
            Content = new ByteArrayContent(picture),
        };
        // The upload step takes the token as "OAuth", as Meta's Resumable Upload API documents it.
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", number.AccessToken);
        request.Headers.Add("file_offset", "0");
        using var upload = await ExchangeAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return Text(await ReadJsonAsync(upload, ct), "h") ?? throw NoField(upload, "upload handle");
    }

    internal async Task<WhatsAppNumberStatus> NumberStatusAsync(WhatsAppSecrets number, DateTimeOffset now, CancellationToken ct)
    {
        using var response = await SendAsync(number, HttpMethod.Get, $"{number.PhoneNumberId}?fields={NumberStatusFields}", null, ct);
        var json = await ReadJsonAsync(response, ct);
        return new(Text(json, "verified_name") ?? "", Text(json, "name_status") ?? "", Text(json, "new_display_name"), Text(json, "new_name_status"),
            json.TryGetProperty("is_official_business_account", out var oba) && oba.ValueKind == JsonValueKind.True,
            Text(json, "quality_rating") ?? "", Text(json, "messaging_limit_tier") ?? "", now);
    }

    /// <summary>Submits a new display name for Meta's review (POST /{phone-number-id}?new_display_name=...).</summary>
    internal async Task RequestDisplayNameAsync(WhatsAppSecrets number, string name, CancellationToken ct)
    {
        using var response = await SendAsync(number, HttpMethod.Post, $"{number.PhoneNumberId}?new_display_name={Uri.EscapeDataString(name)}", null, ct);
        await ReadJsonAsync(response, ct);
    }

    private static GraphApiException NoField(HttpResponseMessage response, string what) =>
        new(new GraphError((int)response.StatusCode, 0, $"The answer named no {what}", null, null));
}
