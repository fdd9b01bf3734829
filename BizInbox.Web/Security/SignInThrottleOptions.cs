namespace BizInbox.Web.Security;

/// <summary>
/// The "SignInThrottle" section. After the free failures, each further failure doubles the wait before the
/// next attempt is checked, up to the maximum. Failures count per address and per account from that address,
/// never per account alone, so a stranger elsewhere cannot keep an owner out.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    public int FreeFailuresPerAccount { get; set; } = 3;

    public int FreeFailuresPerAddress { get; set; } = 10;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures older than this (since the last one) are forgotten.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);
}
