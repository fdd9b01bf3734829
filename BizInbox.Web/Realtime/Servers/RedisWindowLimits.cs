using BizInbox.Web.Security;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Fixed windows in Redis: a counter per limit, key and window that expires with its window.</summary>
public sealed class RedisWindowLimits(RedisConnection redis, TimeProvider clock, ILogger<RedisWindowLimits> logger) : IWindowLimits
{
    private static readonly LuaScript Count = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @window) end return n");

    public bool TryAcquire(string limit, string key, int permits, TimeSpan window)
    {
        var windowMs = Math.Max(1, (long)window.TotalMilliseconds);
        var index = clock.GetUtcNow().ToUnixTimeMilliseconds() / windowMs;
        try
        {
            var count = (long)redis.Database.ScriptEvaluate(Count, new { key = redis.Key($"limit:{limit}:{index}:{key}"), window = windowMs });
            return count <= Math.Max(1, permits);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A limit that cannot be counted does not lock customers out of the chat.
            logger.LogWarning(ex, "Could not count {Limit} in Redis; the call is let through", limit);
            return true;
        }
    }
}
