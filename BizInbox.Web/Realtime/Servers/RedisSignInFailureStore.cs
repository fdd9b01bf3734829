using System.Text.Json;
using BizInbox.Web.Security;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>
/// Sign-in failures in Redis, one key each, changed by optimistic transactions (a concurrent change retries). While
/// Redis is away nothing is counted and nobody waits: the passwords are still checked, only not slowed down.
/// </summary>
public sealed class RedisSignInFailureStore(RedisConnection redis, ILogger<RedisSignInFailureStore> logger) : ISignInFailureStore
{
    private const int Attempts = 20;

    public SignInFailures? Find(string key) => Try(() => Read(redis.Database.StringGet(Key(key))));

    public void Update(string key, Func<SignInFailures?, SignInFailures> change, TimeSpan keep) => Try(() =>
    {
        var db = redis.Database;
        var redisKey = Key(key);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = db.StringGet(redisKey);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(current.IsNull ? Condition.KeyNotExists(redisKey) : Condition.StringEqual(redisKey, current));
            _ = transaction.StringSetAsync(redisKey, JsonSerializer.Serialize(change(Read(current)), RedisInboxEventBus.Json), keep);
            if (transaction.Execute())
            {
                return true;
            }
        }

        logger.LogWarning("A sign-in failure was not counted: its key changed {Attempts} times meanwhile", Attempts);
        return false;
    });

    public void Remove(string key) => Try(() => redis.Database.KeyDelete(Key(key)));

    private RedisKey Key(string key) => redis.Key($"sign-in:{key}");

    private static SignInFailures? Read(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<SignInFailures>((string)value!, RedisInboxEventBus.Json);

    private T? Try<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Sign-in failures could not be read or counted in Redis");
            return default;
        }
    }
}
