namespace BizInbox.Domain.Channels;

/// <summary>
/// A WhatsApp Business phone number connected to an inbox. Secrets (access token, app secret, verify token) are
/// held only in protected (encrypted) form; the application protects and unprotects them.
/// </summary>
public sealed class WhatsAppConnection
{
    /// <summary>Graph API version used when none is configured.</summary>
    public const string DefaultGraphApiVersion = "v21.0";

    /// <summary>Meta's Graph API host.</summary>
    public const string DefaultGraphBaseUrl = "https://graph.facebook.com";

    private WhatsAppConnection()
    {
        PhoneNumberId = string.Empty;
        BusinessAccountId = string.Empty;
        DisplayPhoneNumber = string.Empty;
        GraphApiVersion = DefaultGraphApiVersion;
        GraphBaseUrl = DefaultGraphBaseUrl;
        ProtectedAccessToken = string.Empty;
        ProtectedAppSecret = string.Empty;
        ProtectedVerifyToken = string.Empty;
    }

    /// <summary>The inbox its conversations land in (also the key).</summary>
    public int InboxId { get; private set; }

    /// <summary>Meta's id of the phone number; webhooks name it.</summary>
    public string PhoneNumberId { get; private set; }

    /// <summary>The WhatsApp Business Account id (templates live there).</summary>
    public string BusinessAccountId { get; private set; }

    /// <summary>The number as customers see it.</summary>
    public string DisplayPhoneNumber { get; private set; }

    /// <summary>E.g. v21.0.</summary>
    public string GraphApiVersion { get; private set; }

    /// <summary>Meta's host by default; configurable so that tests and the simulator can point it at a local fake (a path is allowed).</summary>
    public string GraphBaseUrl { get; private set; }

    /// <summary>The access token, protected.</summary>
    public string ProtectedAccessToken { get; private set; }

    /// <summary>The app secret that signs webhooks, protected.</summary>
    public string ProtectedAppSecret { get; private set; }

    /// <summary>The token Meta presents when verifying the webhook URL, protected.</summary>
    public string ProtectedVerifyToken { get; private set; }

    /// <summary>When a signed webhook last arrived.</summary>
    public DateTimeOffset? LastWebhookAt { get; private set; }

    /// <summary>The last error Meta reported for a send, for the settings page.</summary>
    public string? LastSendError { get; private set; }

    /// <summary>Connects a number after checking the plain fields; secrets arrive already protected.</summary>
    public static WhatsAppConnection Create(
        int inboxId, string phoneNumberId, string businessAccountId, string displayPhoneNumber,
        string protectedAccessToken, string protectedAppSecret, string protectedVerifyToken,
        string? graphApiVersion = null, string? graphBaseUrl = null)
    {
        var connection = new WhatsAppConnection { InboxId = inboxId };
        connection.Change(phoneNumberId, businessAccountId, displayPhoneNumber, graphApiVersion, graphBaseUrl);
        connection.ReplaceSecrets(protectedAccessToken, protectedAppSecret, protectedVerifyToken);
        return connection;
    }

    /// <summary>Changes the plain settings.</summary>
    public void Change(string phoneNumberId, string businessAccountId, string displayPhoneNumber, string? graphApiVersion, string? graphBaseUrl)
    {
        PhoneNumberId = Digits(phoneNumberId, "whatsapp.phone_number_id_invalid", "The phone number id consists of digits.");
        BusinessAccountId = Digits(businessAccountId, "whatsapp.business_account_id_invalid", "The WhatsApp Business Account id consists of digits.");
        var display = (displayPhoneNumber ?? string.Empty).Trim();
        DisplayPhoneNumber = display.Length is > 0 and <= 32 ? display
            : throw new DomainException("whatsapp.display_number_invalid", "Enter the phone number as customers see it.");
        var version = string.IsNullOrWhiteSpace(graphApiVersion) ? DefaultGraphApiVersion : graphApiVersion.Trim();
        GraphApiVersion = System.Text.RegularExpressions.Regex.IsMatch(version, @"^v\d{1,3}\.\d{1,2}\z") ? version
            : throw new DomainException("whatsapp.api_version_invalid", "The Graph API version looks like v21.0.");
        var baseUrl = string.IsNullOrWhiteSpace(graphBaseUrl) ? DefaultGraphBaseUrl : graphBaseUrl.Trim().TrimEnd('/');
        // A path is allowed (the simulator answers under /simulator/graph); a query, fragment or user info is not.
        GraphBaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                       && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0 && !baseUrl.Contains('?') && !baseUrl.Contains('#')
            ? baseUrl
            : throw new DomainException("whatsapp.base_url_invalid", "The Graph API address must be a plain https:// address.");
    }

    /// <summary>Replaces the protected secrets; an empty one keeps the current value.</summary>
    public void ReplaceSecrets(string? protectedAccessToken, string? protectedAppSecret, string? protectedVerifyToken)
    {
        ProtectedAccessToken = Keep(protectedAccessToken, ProtectedAccessToken, "access token");
        ProtectedAppSecret = Keep(protectedAppSecret, ProtectedAppSecret, "app secret");
        ProtectedVerifyToken = Keep(protectedVerifyToken, ProtectedVerifyToken, "verify token");
    }

    /// <summary>Meta refused a send; shown on the settings page until a send succeeds.</summary>
    public void SendFailed(string? error) => LastSendError = error;

    private static string Keep(string? value, string current, string what) =>
        !string.IsNullOrEmpty(value) ? value
        : current.Length > 0 ? current
        : throw new DomainException("whatsapp.secret_required", $"The {what} is required.");

    private static string Digits(string value, string code, string message)
    {
        var trimmed = (value ?? string.Empty).Trim();
        return trimmed.Length is > 0 and <= 32 && trimmed.All(char.IsAsciiDigit) ? trimmed : throw new DomainException(code, message);
    }
}
