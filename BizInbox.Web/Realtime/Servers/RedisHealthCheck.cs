using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Ready also means Redis answers (only when it is configured); the report gives the round trip.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Database.PingAsync();
            var data = new Dictionary<string, object> { ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 2), ["server"] = redis.ServerId };
            return HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"Redis answers in {latency.TotalMilliseconds:0.##} ms."), data);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis could not be reached.", ex);
        }
    }
}
