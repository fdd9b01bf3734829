using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>
/// The bus for several servers: the in-process bus stays the local notifier, and every change also goes to one Redis
/// channel, from which the other servers hand it to their own subscribers. A change carries the id of the server
/// that published it, so nobody hears their own change twice. One channel and one ordered reader per server keep the
/// order in which a server published (per topic and overall).
/// </summary>
public sealed class RedisInboxEventBus : IInboxEventBus, IDisposable
{
    /// <summary>Generic on purpose: a new field of <see cref="InboxChange"/> travels without a change here; names, not numbers, for kinds.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly InProcessInboxEventBus _local;
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisInboxEventBus> _logger;
    private readonly RedisChannel _channel;
    private readonly ChannelMessageQueue _queue;

    public RedisInboxEventBus(InProcessInboxEventBus local, RedisConnection redis, ILogger<RedisInboxEventBus> logger)
    {
        (_local, _redis, _logger) = (local, redis, logger);
        _channel = redis.Channel("bus");
        _queue = redis.Subscribe("bus");
        _queue.OnMessage(Receive);
    }

    public void Publish(InboxChange change, params string[] topics)
    {
        _local.Publish(change, topics);
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new Relayed(_redis.ServerId, topics, change), Json);
            _redis.Multiplexer.GetSubscriber().Publish(_channel, payload, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The change is committed and this server's screens have it; the others reload theirs after reconnecting.
            _logger.LogWarning(ex, "Could not relay {Kind} to the other servers", change.Kind);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and a screen closed after the Redis connection: the other servers see this one leave.
        }
    }

    public IDisposable Subscribe(string topic, Func<InboxChange, Task> handler) => _local.Subscribe(topic, handler);

    public IDisposable Subscribe(string topic, Func<InboxChange, bool> note, Func<Task> settle) => _local.Subscribe(topic, note, settle);

    public void Dispose()
    {
        try
        {
            _queue.Unsubscribe();
        }
        catch (ObjectDisposedException)
        {
            // The connection went first: its subscriptions went with it.
        }
    }

    private void Receive(ChannelMessage message)
    {
        Relayed? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<Relayed>((byte[])message.Message!, Json);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "A relayed change could not be read (a server of another version?)");
            return;
        }

        if (relayed is not null && relayed.Server != _redis.ServerId)
        {
            // The one ordered reader of the other servers' changes hands them on; the screens run on the pool.
            InboxDelivery.Detach();
            _local.Publish(relayed.Change, relayed.Topics);
        }
    }

    private sealed record Relayed(string Server, string[] Topics, InboxChange Change);
}
