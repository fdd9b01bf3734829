using Microsoft.AspNetCore.Identity;

namespace BizInbox.Web.Data;

/// <summary>A team member's account.</summary>
public sealed class AppUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Deactivated members keep their history but cannot sign in, and open sessions end.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>"de" or "en"; null follows the browser.</summary>
    public string? PreferredCulture { get; set; }
}
