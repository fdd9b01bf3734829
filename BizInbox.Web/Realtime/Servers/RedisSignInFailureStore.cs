using System.Text.Json;
using BizInbox.Web.Security;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Sign-in failures in Redis, one key each, changed by optimistic transactions (a concurrent change retries).</summary>
public sealed class RedisSignInFailureStore(RedisConnection redis) : ISignInFailureStore
{
    private const int Attempts = 20;

    public SignInFailures? Find(string key) => Read(redis.Database.StringGet(Key(key)));

    public void Update(string key, Func<SignInFailures?, SignInFailures> change, TimeSpan keep)
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
                return;
            }
        }

        throw new RedisException($"The sign-in failures of one key changed {Attempts} times while being counted.");
    }

    public void Remove(string key) => redis.Database.KeyDelete(Key(key));

    private RedisKey Key(string key) => redis.Key($"sign-in:{key}");

    private static SignInFailures? Read(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize<SignInFailures>((string)value!, RedisInboxEventBus.Json);
}
