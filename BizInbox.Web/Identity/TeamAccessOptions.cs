namespace BizInbox.Web.Identity;

/// <summary>The "Identity" configuration section.</summary>
public sealed class TeamAccessOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// How often open sessions (cookies and live Blazor circuits) re-check that the user still exists,
    /// is active and has not had their security stamp changed. Deactivation takes effect within this time.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a password reset link (e-mailed or made by an owner or manager) works; it works once.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
