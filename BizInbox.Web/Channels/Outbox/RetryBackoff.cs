namespace BizInbox.Web.Channels.Outbox;

/// <summary>The outbox's wait before another attempt: exponential, capped, with a random part.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// <paramref name="first"/> doubled for each attempt after the first, at most <paramref name="max"/>, then shortened
    /// by a random share of up to <paramref name="jitter"/> (0 to 1) of it.
    /// </summary>
    public static TimeSpan Jittered(int attempt, TimeSpan first, TimeSpan max, double jitter, Random random)
    {
        var exponential = first.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20));
        var capped = Math.Min(max.Ticks, exponential);
        var share = Math.Clamp(jitter, 0, 1) * random.NextDouble();
        return TimeSpan.FromTicks(capped - (long)(capped * share));
    }
}
