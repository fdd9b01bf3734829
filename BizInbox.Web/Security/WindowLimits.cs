using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace BizInbox.Web.Security;

/// <summary>
/// Fixed-window limits per key that must hold for the whole installation (per address, for instance): in memory
/// on one server, in Redis with several (<see cref="Realtime.Servers.RedisWindowLimits"/>).
/// </summary>
public interface IWindowLimits
{
    /// <summary>Takes one of <paramref name="permits"/> per <paramref name="window"/> for <paramref name="key"/> under the limit named <paramref name="limit"/>.</summary>
    bool TryAcquire(string limit, string key, int permits, TimeSpan window);
}

/// <summary>One server: .NET's fixed-window rate limiters, one partitioned limiter per named limit.</summary>
public sealed class InMemoryWindowLimits : IWindowLimits, IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.Ordinal);

    public bool TryAcquire(string limit, string key, int permits, TimeSpan window)
    {
        var limiter = _limiters.GetOrAdd(limit, _ => PartitionedRateLimiter.Create<string, string>(k => RateLimitPartition.GetFixedWindowLimiter(k,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true })));
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
