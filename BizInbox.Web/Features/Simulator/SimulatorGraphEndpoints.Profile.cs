using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Channels.WhatsApp.Wire;

namespace BizInbox.Web.Features.Simulator;

/// <summary>
/// The business-profile part of the fake Graph API: GET and POST <c>/{phone-number-id}/whatsapp_business_profile</c>,
/// the resumable upload (<c>GET /app</c>, <c>POST /{app-id}/uploads</c>, <c>POST /upload:{id}</c>), the number's
/// verification fields (<c>GET /{phone-number-id}?fields=…</c>) and the display-name request (<c>POST /{phone-number-id}?new_display_name=</c>).
/// </summary>
internal static partial class SimulatorGraphEndpoints
{
    private const string AppId = "555000000000900";

    private static void MapProfile(RouteGroupBuilder graph)
    {
        graph.MapGet($"/{Version}/{{phoneNumberId}}/whatsapp_business_profile", ProfileAsync);
        graph.MapPost($"/{Version}/{{phoneNumberId}}/whatsapp_business_profile", UpdateProfileAsync);
        graph.MapGet($"/{Version}/app", async (HttpContext http, WhatsAppConnections connections) =>
            await CallerAsync(http, connections) is null ? InvalidToken() : Ok(new GraphIdAnswer { Id = AppId }, WireJson.Default.GraphIdAnswer));
        graph.MapPost($"/{Version}/{AppId}/uploads", OpenUploadAsync);
    }

    private static async Task<IResult> ProfileAsync(string phoneNumberId, HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is not { } caller || caller.PhoneNumberId != phoneNumberId)
        {
            return InvalidToken();
        }

        var p = profiles.Profile(phoneNumberId);
        var data = new JsonObject
        {
            ["about"] = p.About, ["address"] = p.Address, ["description"] = p.Description, ["email"] = p.Email, ["vertical"] = p.Vertical,
            ["websites"] = new JsonArray([.. p.Websites.Select(w => (JsonNode)JsonValue.Create(w))]), ["messaging_product"] = "whatsapp",
        };
        return Ok(new JsonObject { ["data"] = new JsonArray(data) });
    }

    private static async Task<IResult> UpdateProfileAsync(string phoneNumberId, HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is not { } caller || caller.PhoneNumberId != phoneNumberId)
        {
            return InvalidToken();
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return InvalidParameter("The body is not JSON.");
        }

        string Field(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var old = profiles.Profile(phoneNumberId);
        var websites = body.TryGetProperty("websites", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
            : [.. old.Websites];
        profiles.SetProfile(phoneNumberId, new GraphBusinessProfile(
            Field("about"), Field("address"), Field("description"), Field("email"), Field("vertical") is { Length: > 0 } vertical ? vertical : old.Vertical, websites));
        return Ok(new GraphSuccessAnswer { Success = true }, WireJson.Default.GraphSuccessAnswer);
    }

    /// <summary>POST to one object: an upload session (<c>upload:…</c>) takes the file, a phone number takes a display-name request.</summary>
    private static Task<IResult> PostToObjectAsync(string objectId, HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles) =>
        objectId.StartsWith("upload:", StringComparison.Ordinal)
            ? UploadBytesAsync(objectId, http, connections, profiles)
            : RequestNameAsync(objectId, http, connections, profiles);

    private static async Task<IResult> OpenUploadAsync(HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is null)
        {
            return InvalidToken();
        }

        var query = http.Request.Query;
        return long.TryParse(query["file_length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is > 0 and <= 5 * 1024 * 1024
               && query["file_type"].ToString() is "image/png" or "image/jpeg"
            ? Ok(new GraphIdAnswer { Id = profiles.OpenUpload(length, query["file_type"]!) }, WireJson.Default.GraphIdAnswer)
            : InvalidParameter("file_length and file_type (image/png or image/jpeg) are required.");
    }

    /// <summary>The upload step of the resumable upload: <c>POST /upload:{id}</c> with <c>Authorization: OAuth</c> and <c>file_offset: 0</c>.</summary>
    private static async Task<IResult> UploadBytesAsync(string sessionId, HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is null)
        {
            return InvalidToken();
        }

        if (http.Request.Headers["file_offset"].ToString() != "0")
        {
            return InvalidParameter("Only a whole file from offset 0 is taken.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return profiles.Upload(sessionId, buffer.ToArray()) is { } handle
            ? Ok(new JsonObject { ["h"] = handle })
            : InvalidParameter("The upload session is unknown or the length differs.");
    }

    private static async Task<IResult> RequestNameAsync(string phoneNumberId, HttpContext http, WhatsAppConnections connections, SimulatorProfiles profiles)
    {
        if (await CallerAsync(http, connections) is not { } caller || caller.PhoneNumberId != phoneNumberId)
        {
            return InvalidToken();
        }

        if (http.Request.Query["new_display_name"].ToString() is not { Length: > 0 and <= 120 } name)
        {
            return InvalidParameter("new_display_name is required.");
        }

        profiles.RequestName(phoneNumberId, name);
        return Ok(new GraphSuccessAnswer { Success = true }, WireJson.Default.GraphSuccessAnswer);
    }

    /// <summary>The number's verification fields, when the id is the caller's number.</summary>
    private static JsonObject NumberStatus(SimulatorProfiles profiles, string phoneNumberId)
    {
        var s = profiles.Status(phoneNumberId);
        var json = new JsonObject
        {
            ["verified_name"] = s.VerifiedName, ["name_status"] = s.NameStatus, ["is_official_business_account"] = s.IsOfficialBusinessAccount,
            ["quality_rating"] = s.QualityRating, ["messaging_limit_tier"] = s.MessagingLimitTier, ["id"] = phoneNumberId,
        };
        if (s.NewDisplayName is { } newName)
        {
            json["new_display_name"] = newName;
        }

        if (s.NewNameStatus is { } newStatus)
        {
            json["new_name_status"] = newStatus;
        }

        return json;
    }
}
