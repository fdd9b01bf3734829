using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Realtime;
using BizInbox.Web.Realtime.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>One app server's cross-server parts on a shared Redis, built as the app builds them (without the rest of the app).</summary>
internal sealed class RedisNode : IAsyncDisposable
{
    private bool _stopped;

    public RedisNode(RedisServer redis, string prefix, TimeSpan? serverTimeout = null, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Settings = new RedisSettings { Configuration = redis.Configuration, Prefix = prefix, ServerTimeout = serverTimeout ?? TimeSpan.FromSeconds(15) };
        Connection = new RedisConnection(Settings);
        Local = new InProcessInboxEventBus(NullLogger<InProcessInboxEventBus>.Instance);
        Bus = new RedisInboxEventBus(Local, Connection, NullLogger<RedisInboxEventBus>.Instance);
        Signals = new RedisCrossServerSignals(Connection, NullLogger<RedisCrossServerSignals>.Instance);
        Board = new RedisPresenceBoard(Connection, Signals, Bus, NullLogger<RedisPresenceBoard>.Instance);
        Presence = new ConversationPresence(new LiveSignals(Bus), Clock, Board);
        Online = new OnlineMembers(Board);
        Heartbeat = new ServerHeartbeat(Board, Settings, TimeProvider.System, NullLogger<ServerHeartbeat>.Instance);
    }

    public TimeProvider Clock { get; }

    public RedisSettings Settings { get; }

    public RedisConnection Connection { get; }

    public InProcessInboxEventBus Local { get; }

    public RedisInboxEventBus Bus { get; }

    public RedisCrossServerSignals Signals { get; }

    public RedisPresenceBoard Board { get; }

    public ConversationPresence Presence { get; }

    public OnlineMembers Online { get; }

    public ServerHeartbeat Heartbeat { get; }

    public Task StartAsync() => Heartbeat.StartAsync(CancellationToken.None);

    /// <summary>Dies without a word: the heartbeat stops (disposing cancels its loop; only stopping would leave), the connection drops.</summary>
    public void Crash()
    {
        _stopped = true;
        Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Heartbeat.StopAsync(CancellationToken.None);
            Dispose();
        }
    }

    private void Dispose()
    {
        Heartbeat.Dispose();
        Board.Dispose();
        Signals.Dispose();
        Bus.Dispose();
        Local.Dispose();
        Connection.Dispose();
    }
}
