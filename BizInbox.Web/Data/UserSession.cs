namespace BizInbox.Web.Data;

/// <summary>
/// One signed-in browser. The cookie carries only <see cref="Id"/>; the sign-in itself (its claims) lives here,
/// encrypted, so that deleting the row ends the session at once, whoever holds a copy of the cookie.
/// </summary>
public sealed class UserSession
{
    public const int IdLength = 43;

    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>The authentication ticket, serialized and protected with Data Protection.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the cookie's ticket expires; a row past it is never read back.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
