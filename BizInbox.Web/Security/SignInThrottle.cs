using Microsoft.Extensions.Options;

namespace BizInbox.Web.Security;

/// <summary>
/// Growing delays after failed password checks (sign-in and change password) instead of a lockout that anyone
/// who knows an e-mail address could trigger. Kept in memory on one server (a restart forgives, which is acceptable
/// for delays), in Redis with several (<see cref="ISignInFailureStore"/>).
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock, ISignInFailureStore failures)
{
    /// <summary>How long the caller must wait before a password from this address for this account is checked.</summary>
    public TimeSpan? RetryAfter(string? address, string account)
    {
        var now = clock.GetUtcNow();
        var (addressKey, accountKey) = Keys(address, account);
        var wait = TimeSpan.FromTicks(Math.Max(WaitFor(addressKey, now).Ticks, WaitFor(accountKey, now).Ticks));
        return wait > TimeSpan.Zero ? RoundUp(wait) : null;
    }

    public void Failed(string? address, string account)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var (addressKey, accountKey) = Keys(address, account);
        Count(addressKey, o.FreeFailuresPerAddress, now);
        Count(accountKey, o.FreeFailuresPerAccount, now);
    }

    /// <summary>The right password from this address: the account starts afresh there (the address keeps its count).</summary>
    public void Succeeded(string? address, string account) => failures.Remove(Keys(address, account).Account);

    private void Count(string key, int free, DateTimeOffset now)
    {
        var o = options.Value;
        failures.Update(key, f => Next(f is null || now - f.Last > o.ForgetAfter ? 0 : f.Count, free, now), o.ForgetAfter + o.MaxDelay);
    }

    private SignInFailures Next(int previous, int free, DateTimeOffset now)
    {
        var count = previous + 1;
        var o = options.Value;
        var excess = count - free;
        var delay = excess <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(o.MaxDelay.Ticks, o.FirstDelay.Ticks * Math.Pow(2, Math.Min(excess - 1, 30))));
        return new SignInFailures(count, now, now + delay);
    }

    private TimeSpan WaitFor(string key, DateTimeOffset now) =>
        failures.Find(key) is { } f ? f.NotBefore - now : TimeSpan.Zero;

    private static (string Address, string Account) Keys(string? address, string account)
    {
        var ip = address ?? "unknown";
        return ($"ip|{ip}", $"account|{account.Trim().ToUpperInvariant()}|{ip}");
    }

    private static TimeSpan RoundUp(TimeSpan wait) => TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
}
