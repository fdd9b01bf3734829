using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>
/// The presence board in Redis. Each server writes its own field: <c>viewers:{conversation}</c> and <c>online</c> are
/// hashes keyed by server id, <c>viewing:{server}</c> lists the conversations a server has viewers in. A server lives
/// while its key <c>server:{id}</c> (with a TTL of <see cref="RedisSettings.ServerTimeout"/>) is renewed by
/// <see cref="ServerHeartbeat"/>; the first survivor to see it gone removes its fields and tells the screens.
/// </summary>
public sealed class RedisPresenceBoard : IPresenceBoard, IDisposable
{
    private static readonly TimeSpan ViewersKeyLife = TimeSpan.FromDays(1);

    private readonly RedisConnection _redis;
    private readonly ICrossServerSignals _signals;
    private readonly IInboxEventBus _bus;
    private readonly ILogger<RedisPresenceBoard> _logger;
    private readonly IDisposable _onlineSignal;
    private readonly ConcurrentDictionary<long, (int InboxId, string Json)> _mine = new();
    private volatile string? _online;

    public RedisPresenceBoard(RedisConnection redis, ICrossServerSignals signals, IInboxEventBus bus, ILogger<RedisPresenceBoard> logger)
    {
        (_redis, _signals, _bus, _logger) = (redis, signals, bus, logger);
        _onlineSignal = signals.Subscribe(CrossServerSignal.OnlineMembersChanged, () => OthersOnlineChanged?.Invoke());
    }

    public event Action? OthersOnlineChanged;

    private string Me => _redis.ServerId;

    public void PutViewers(long conversationId, int inboxId, IReadOnlyList<PresenceEntry> entries)
    {
        if (entries.Count == 0)
        {
            _mine.TryRemove(conversationId, out _);
        }
        else
        {
            _mine[conversationId] = (inboxId, JsonSerializer.Serialize(entries, RedisInboxEventBus.Json));
        }

        Try(() => WriteViewers(conversationId, inboxId), "write the viewers of a conversation");
    }

    public async Task<IReadOnlyList<PresenceEntry>> OtherViewersAsync(long conversationId)
    {
        try
        {
            var fields = await _redis.Database.HashGetAllAsync(_redis.Key($"viewers:{conversationId}"));
            return fields.Where(f => f.Name != Me)
                .SelectMany(f => JsonSerializer.Deserialize<PresenceEntry[]>((string)f.Value!, RedisInboxEventBus.Json) ?? [])
                .ToList();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not read the other servers' viewers");
            return [];
        }
        catch (ObjectDisposedException)
        {
            return [];
        }
    }

    public void PutOnline(IReadOnlyCollection<string> userIds)
    {
        _online = userIds.Count == 0 ? null : JsonSerializer.Serialize(userIds, RedisInboxEventBus.Json);
        Try(WriteOnline, "write the members online");
        _signals.Send(CrossServerSignal.OnlineMembersChanged);
    }

    public async Task<IReadOnlyCollection<string>> OtherOnlineAsync()
    {
        try
        {
            var fields = await _redis.Database.HashGetAllAsync(_redis.Key("online"));
            return fields.Where(f => f.Name != Me)
                .SelectMany(f => JsonSerializer.Deserialize<string[]>((string)f.Value!, RedisInboxEventBus.Json) ?? [])
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not read the members online on other servers");
            return [];
        }
        catch (ObjectDisposedException)
        {
            return [];
        }
    }

    /// <summary>Renews this server's life; writes everything again if it had lapsed (a pause, Redis restarted); removes servers that died.</summary>
    public async Task BeatAsync()
    {
        var db = _redis.Database;
        var lifetime = _redis.Settings.ServerTimeout;
        if (!await db.StringSetAsync(_redis.Key($"server:{Me}"), 1, lifetime, When.Exists))
        {
            await db.StringSetAsync(_redis.Key($"server:{Me}"), 1, lifetime);
            await db.SetAddAsync(_redis.Key("servers"), Me);
            foreach (var (conversationId, (inboxId, _)) in _mine)
            {
                WriteViewers(conversationId, inboxId);
            }

            WriteOnline();
        }

        foreach (var server in await db.SetMembersAsync(_redis.Key("servers")))
        {
            if (server != Me && !await db.KeyExistsAsync(_redis.Key($"server:{server}")))
            {
                await ForgetAsync(server!);
            }
        }
    }

    /// <summary>A server stopping on purpose leaves at once rather than waiting for its key to expire.</summary>
    public async Task LeaveAsync()
    {
        await _redis.Database.KeyDeleteAsync(_redis.Key($"server:{Me}"));
        await _redis.Database.SetRemoveAsync(_redis.Key("servers"), Me);
        await RemoveEntriesAsync(Me);
    }

    public void Dispose() => _onlineSignal.Dispose();

    // Whoever removes the server from the set cleans up after it, once.
    private async Task ForgetAsync(string server)
    {
        if (await _redis.Database.SetRemoveAsync(_redis.Key("servers"), server))
        {
            await RemoveEntriesAsync(server);
            _logger.LogInformation("Server {Server} is gone: its viewers and members online were removed", server);
        }
    }

    private async Task RemoveEntriesAsync(string server)
    {
        var db = _redis.Database;
        var viewing = _redis.Key($"viewing:{server}");
        foreach (var member in await db.SetMembersAsync(viewing))
        {
            var parts = ((string)member!).Split(':');
            var (conversationId, inboxId) = (long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            await db.HashDeleteAsync(_redis.Key($"viewers:{conversationId}"), server);
            _bus.Publish(new InboxChange(ChangeKind.PresenceChanged, conversationId, inboxId), Topics.Conversation(conversationId));
        }

        await db.KeyDeleteAsync(viewing);
        if (await db.HashDeleteAsync(_redis.Key("online"), server))
        {
            _signals.Send(CrossServerSignal.OnlineMembersChanged);
            OthersOnlineChanged?.Invoke();
        }
    }

    private void WriteViewers(long conversationId, int inboxId)
    {
        var db = _redis.Database;
        var key = _redis.Key($"viewers:{conversationId}");
        var member = string.Create(CultureInfo.InvariantCulture, $"{conversationId}:{inboxId}");
        if (_mine.TryGetValue(conversationId, out var mine))
        {
            db.HashSet(key, Me, mine.Json, flags: CommandFlags.FireAndForget);
            db.KeyExpire(key, ViewersKeyLife, CommandFlags.FireAndForget);
            db.SetAdd(_redis.Key($"viewing:{Me}"), member, CommandFlags.FireAndForget);
        }
        else
        {
            db.HashDelete(key, Me, CommandFlags.FireAndForget);
            db.SetRemove(_redis.Key($"viewing:{Me}"), member, CommandFlags.FireAndForget);
        }
    }

    private void WriteOnline()
    {
        if (_online is { } online)
        {
            _redis.Database.HashSet(_redis.Key("online"), Me, online, flags: CommandFlags.FireAndForget);
        }
        else
        {
            _redis.Database.HashDelete(_redis.Key("online"), Me, CommandFlags.FireAndForget);
        }
    }

    private void Try(Action write, string what)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not {What} in Redis", what);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its screens close after the connection: LeaveAsync took this server's entries off already.
        }
    }
}
