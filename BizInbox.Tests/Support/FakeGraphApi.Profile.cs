using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BizInbox.Tests.Support;

/// <summary>
/// The business profile (GET/POST /{phone-number-id}/whatsapp_business_profile), the Resumable Upload API that gives a
/// profile picture its handle (GET /app, POST /{app-id}/uploads, POST /upload:{id}), and the phone number's fields and
/// display-name request (GET /{phone-number-id}?fields=..., POST /{phone-number-id}?new_display_name=...).
/// </summary>
public sealed partial class FakeGraphApi
{
    private static readonly string[] ProfileFieldNames = ["about", "address", "description", "email", "vertical", "websites"];

    private readonly Dictionary<string, JsonObject> _profiles = [];
    private readonly Dictionary<string, (string FileName, long Length, string FileType)> _uploadSessions = [];
    private readonly Dictionary<string, (byte[] Bytes, string FileType)> _handles = [];
    private readonly Dictionary<string, FakePhoneNumber> _numbers = [];

    /// <summary>The id GET /app answers: the app the access token belongs to.</summary>
    public string AppId { get; } = "1234567890123456";

    /// <summary>Files uploaded through the Resumable Upload API, by the handle (h) the fake answered.</summary>
    public IReadOnlyDictionary<string, (byte[] Bytes, string FileType)> UploadHandles
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, (byte[], string)>(_handles);
            }
        }
    }

    /// <summary>The business profile WhatsApp has for the number (a copy); starts empty.</summary>
    public JsonObject BusinessProfileOf(string phoneNumberId)
    {
        lock (_gate)
        {
            return (JsonObject)ProfileOf(phoneNumberId).DeepClone();
        }
    }

    /// <summary>Sets a field of the number's business profile as if changed in WhatsApp Manager.</summary>
    public void SetBusinessProfileField(string phoneNumberId, string field, JsonNode? value)
    {
        lock (_gate)
        {
            ProfileOf(phoneNumberId)[field] = value?.DeepClone();
        }
    }

    /// <summary>What the number reports (verified name, reviews, OBA, quality, tier); change it to play Meta's decisions.</summary>
    public FakePhoneNumber PhoneNumber(string phoneNumberId)
    {
        lock (_gate)
        {
            if (!_numbers.TryGetValue(phoneNumberId, out var number))
            {
                _numbers[phoneNumberId] = number = new FakePhoneNumber();
            }

            return number;
        }
    }

    private JsonObject ProfileOf(string phoneNumberId)
    {
        if (!_profiles.TryGetValue(phoneNumberId, out var profile))
        {
            _profiles[phoneNumberId] = profile = new JsonObject { ["messaging_product"] = "whatsapp" };
        }

        return profile;
    }

    private Reply BusinessProfile(string phoneNumberId, HttpRequest http)
    {
        var fields = (http.Query["fields"].FirstOrDefault() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        lock (_gate)
        {
            var profile = (JsonObject)ProfileOf(phoneNumberId).DeepClone();
            foreach (var name in profile.Select(p => p.Key).Where(k => k != "messaging_product" && !fields.Contains(k)).ToList())
            {
                profile.Remove(name);
            }

            return Ok(new JsonObject { ["data"] = new JsonArray(profile) });
        }
    }

    private Reply UpdateBusinessProfile(string phoneNumberId, GraphRequest request)
    {
        var json = request.Json;
        if (json.ValueKind != JsonValueKind.Object || Text(json, "messaging_product") != "whatsapp")
        {
            return InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        var limits = new Dictionary<string, int> { ["about"] = 139, ["address"] = 256, ["description"] = 512, ["email"] = 128 };
        foreach (var (field, max) in limits)
        {
            if (Text(json, field) is { } value && value.Length > max)
            {
                return InvalidParameter($"Param {field} must be at most {max} characters long.");
            }
        }

        if (json.TryGetProperty("websites", out var websites) && (websites.ValueKind != JsonValueKind.Array || websites.GetArrayLength() > 2))
        {
            return InvalidParameter("Param websites must be an array of at most 2 URLs.");
        }

        lock (_gate)
        {
            var profile = ProfileOf(phoneNumberId);
            foreach (var field in ProfileFieldNames.Where(f => json.TryGetProperty(f, out _)))
            {
                profile[field] = JsonNode.Parse(json.GetProperty(field).GetRawText());
            }

            if (Text(json, "profile_picture_handle") is { } handle)
            {
                if (!_handles.ContainsKey(handle))
                {
                    return InvalidParameter("Param profile_picture_handle is not a valid upload handle.");
                }

                profile["profile_picture_url"] = $"{BaseUrl}/pps/{Uri.EscapeDataString(handle)}";
            }
        }

        return Ok(new JsonObject { ["success"] = true });
    }

    private Reply UploadSession(HttpRequest http)
    {
        var name = http.Query["file_name"].FirstOrDefault();
        var type = http.Query["file_type"].FirstOrDefault();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type)
            || !long.TryParse(http.Query["file_length"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return InvalidParameter("The parameters file_name, file_length and file_type are required.");
        }

        var id = "upload:" + Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"attachment:{Guid.NewGuid():N}?file_name={name}"));
        lock (_gate)
        {
            _uploadSessions[id] = (name, length, type);
        }

        return Ok(new JsonObject { ["id"] = $"{id}?sig={Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12))}" });
    }

    private Reply UploadFile(string sessionId, HttpRequest http, byte[] bytes)
    {
        if (!http.Headers.Authorization.ToString().StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return GraphError(401, "The upload step takes the token as Authorization: OAuth {token}.", "OAuthException", 190);
        }

        if (http.Headers["file_offset"].FirstOrDefault() != "0")
        {
            return InvalidParameter("The header file_offset is required (0 for a new upload).");
        }

        lock (_gate)
        {
            if (!_uploadSessions.Remove(sessionId, out var session))
            {
                return InvalidParameter("Unknown upload session.");
            }

            if (bytes.Length != session.Length)
            {
                return InvalidParameter($"The file has {bytes.Length} bytes, the session expects {session.Length}.");
            }

            var handle = "4::" + Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 18)) + ":" + NewId();
            _handles[handle] = (bytes, session.FileType);
            return Ok(new JsonObject { ["h"] = handle });
        }
    }

    private Reply PhoneNumberFields(string phoneNumberId, HttpRequest http)
    {
        var fields = (http.Query["fields"].FirstOrDefault() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var json = PhoneNumber(phoneNumberId).Json();
        foreach (var name in json.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
        {
            json.Remove(name);
        }

        json["id"] = phoneNumberId;
        return Ok(json);
    }

    private Reply NewDisplayName(string phoneNumberId, HttpRequest http)
    {
        var name = http.Query["new_display_name"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name))
        {
            return InvalidParameter("Param new_display_name must be a non-empty string.");
        }

        var number = PhoneNumber(phoneNumberId);
        (number.NewDisplayName, number.NewNameStatus) = (name, "PENDING_REVIEW");
        return Ok(new JsonObject { ["success"] = true });
    }
}

/// <summary>A phone number's fields as Meta reports them; tests change them to play Meta's review.</summary>
public sealed class FakePhoneNumber
{
    public string VerifiedName { get; set; } = "Test Business";

    public string NameStatus { get; set; } = "APPROVED";

    public string? NewDisplayName { get; set; }

    public string? NewNameStatus { get; set; }

    public bool IsOfficialBusinessAccount { get; set; }

    public string QualityRating { get; set; } = "GREEN";

    public string MessagingLimitTier { get; set; } = "TIER_1K";

    /// <summary>Meta approves the requested name: it becomes the verified name.</summary>
    public void ApproveNewName() => (VerifiedName, NameStatus, NewNameStatus) = (NewDisplayName!, "APPROVED", "APPROVED");

    /// <summary>Meta declines the requested name; the verified name stays.</summary>
    public void DeclineNewName() => NewNameStatus = "DECLINED";

    internal JsonObject Json()
    {
        var json = new JsonObject
        {
            ["verified_name"] = VerifiedName, ["name_status"] = NameStatus, ["is_official_business_account"] = IsOfficialBusinessAccount,
            ["quality_rating"] = QualityRating, ["messaging_limit_tier"] = MessagingLimitTier,
        };
        if (NewDisplayName is not null)
        {
            (json["new_display_name"], json["new_name_status"]) = (NewDisplayName, NewNameStatus);
        }

        return json;
    }
}
