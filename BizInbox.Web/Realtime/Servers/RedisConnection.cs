using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>This server's one connection to Redis, its id among the servers, and the installation's key names.</summary>
public sealed class RedisConnection : IDisposable
{
    public RedisConnection(RedisSettings settings)
    {
        Settings = settings;
        var options = ConfigurationOptions.Parse(settings.Configuration!);
        // Start even while Redis is away (it reconnects by itself); the health endpoint says so meanwhile.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "bizinbox";
        Multiplexer = ConnectionMultiplexer.Connect(options);
    }

    public RedisSettings Settings { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>New at every start: a restarted server is a new server, and the old one's entries expire.</summary>
    public string ServerId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public IDatabase Database => Multiplexer.GetDatabase();

    public RedisKey Key(string name) => $"{Settings.Prefix}:{name}";

    public RedisChannel Channel(string name) => RedisChannel.Literal($"{Settings.Prefix}:{name}");

    public void Dispose() => Multiplexer.Dispose();
}
