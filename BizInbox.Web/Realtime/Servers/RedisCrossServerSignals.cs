using System.Collections.Concurrent;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Signals over Redis pub/sub: "sender|signal" on one channel; a server ignores its own.</summary>
public sealed class RedisCrossServerSignals : ICrossServerSignals, IDisposable
{
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisCrossServerSignals> _logger;
    private readonly RedisChannel _channel;
    private readonly ChannelMessageQueue _queue;
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);

    public RedisCrossServerSignals(RedisConnection redis, ILogger<RedisCrossServerSignals> logger)
    {
        (_redis, _logger) = (redis, logger);
        _channel = redis.Channel("signals");
        _queue = redis.Subscribe("signals");
        _queue.OnMessage(Receive);
    }

    public void Send(string signal)
    {
        try
        {
            _redis.Multiplexer.GetSubscriber().Publish(_channel, $"{_redis.ServerId}|{signal}", CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not send {Signal} to the other servers", signal);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and a screen closed after the Redis connection: the other servers see this one leave.
        }
    }

    public IDisposable Subscribe(string signal, Action handler)
    {
        _handlers.AddOrUpdate(signal, _ => new([handler]), (_, list) => new([.. list.Items, handler]));
        return new Registration(() => _handlers.AddOrUpdate(signal, _ => new([]), (_, list) => new([.. list.Items.Where(h => h != handler)])));
    }

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
        var text = (string?)message.Message ?? string.Empty;
        var separator = text.LastIndexOf('|');
        if (separator < 0 || text[..separator] == _redis.ServerId || !_handlers.TryGetValue(text[(separator + 1)..], out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Items)
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A handler of {Signal} failed", text[(separator + 1)..]);
            }
        }
    }

    private sealed record ImmutableHandlers(Action[] Items);

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
