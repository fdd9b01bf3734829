using System.Threading.RateLimiting;
using BizInbox.Web.Data;

namespace BizInbox.Web.Security;

/// <summary>
/// ASP.NET Core's rate-limiting middleware over <see cref="IWindowLimits"/>: the permits are counted where the window
/// limits count them (in Redis with several servers), so a limit per address holds for the installation, not per server.
/// Holds no permits itself: a lease is taken or refused at once, never queued.
/// </summary>
public sealed class SharedWindowLimiter(IWindowLimits limits, string limit, string key, int permits, TimeSpan window, TimeProvider clock)
    : RateLimiter
{
    private long _lastUsed = clock.GetTimestamp();

    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, clock.GetTimestamp());
        var acquired = permitCount == 0 || limits.TryAcquire(limit, key, permits, window);
        return acquired ? Lease.Acquired : Lease.Refused;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);

        public static readonly Lease Refused = new(false);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
