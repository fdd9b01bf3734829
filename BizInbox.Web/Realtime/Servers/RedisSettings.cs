namespace BizInbox.Web.Realtime.Servers;

/// <summary>The "Redis" section: empty <see cref="Configuration"/> means one server, everything in process.</summary>
public sealed class RedisSettings
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put in front of every key and channel, so that installations can share one Redis.</summary>
    public string Prefix { get; set; } = "bizinbox";

    /// <summary>How long a server that stopped answering keeps its viewers and online members on the other servers' screens.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
