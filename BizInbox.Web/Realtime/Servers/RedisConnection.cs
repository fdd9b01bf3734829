using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>This server's one connection to Redis, its id among the servers, and the installation's key names.</summary>
public sealed class RedisConnection : IDisposable
{
    public RedisConnection(RedisSettings settings)
    {
        Settings = settings;
        Multiplexer = ConnectionMultiplexer.Connect(Options(settings));
    }

    public RedisSettings Settings { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>New at every start: a restarted server is a new server, and the old one's entries expire.</summary>
    public string ServerId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public IDatabase Database => Multiplexer.GetDatabase();

    public RedisKey Key(string name) => $"{Settings.Prefix}:{name}";

    public RedisChannel Channel(string name) => RedisChannel.Literal($"{Settings.Prefix}:{name}");

    /// <summary>
    /// Messages of one channel, handled one after another in the order Redis sent them. While Redis is away the
    /// subscription is only registered (without waiting); the connection makes it when Redis is back.
    /// </summary>
    public ChannelMessageQueue Subscribe(string name) =>
        Multiplexer.GetSubscriber().Subscribe(Channel(name), Multiplexer.IsConnected ? CommandFlags.None : CommandFlags.FireAndForget);

    public void Dispose() => Multiplexer.Dispose();

    /// <summary>The configured options; a server starts even while Redis is away (it reconnects by itself, the health endpoint says so).</summary>
    public static ConfigurationOptions Options(RedisSettings settings)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration!);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "bizinbox";
        return options;
    }
}
