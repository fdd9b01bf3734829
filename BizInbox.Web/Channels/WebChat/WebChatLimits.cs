using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using BizInbox.Web.Security;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Channels.WebChat;

/// <summary>
/// Limits on anonymous web chat use per address and per connection (see <see cref="WebChatLimitsOptions"/>).
/// A refused call is an expected answer to a script, not an error: it is neither logged per call nor traced.
/// Limits per address hold for the installation (<see cref="IWindowLimits"/>: in Redis with several servers); a
/// connection lives on one server, so its limits are kept there.
/// </summary>
public sealed class WebChatLimits : IDisposable
{
    public const string ConnectPolicy = "webchat-connect";

    private readonly WebChatLimitsOptions _options;
    private readonly TimeProvider _clock;
    private readonly IWindowLimits _perAddress;
    private readonly PartitionedRateLimiter<string> _startsPerConnection;
    private readonly PartitionedRateLimiter<string> _messagesPerConnection;
    private readonly ConcurrentDictionary<string, TypingState> _lastTyping = new(StringComparer.Ordinal);

    public WebChatLimits(IOptions<WebChatLimitsOptions> options, TimeProvider clock, IWindowLimits perAddress)
    {
        _options = options.Value;
        _clock = clock;
        _perAddress = perAddress;
        _startsPerConnection = Window(_options.SessionStartsPerConnection, _options.SessionStartWindow);
        _messagesPerConnection = Window(_options.MessagesPerConnectionPerMinute, TimeSpan.FromMinutes(1));
    }

    public bool TryStartSession(string address, string connectionId) =>
        Acquire(_startsPerConnection, connectionId)
        && _perAddress.TryAcquire("webchat-starts", address, _options.SessionStartsPerAddress, _options.SessionStartWindow);

    public bool TrySendMessage(string address, string connectionId) =>
        Acquire(_messagesPerConnection, connectionId)
        && _perAddress.TryAcquire("webchat-messages", address, _options.MessagesPerAddressPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Whether this typing event goes on to the team. A repeat of the same state passes once per interval; a change
    /// (started, stopped) passes at once, so the agent never keeps a stale state, unless the state already flipped
    /// <see cref="MaxTypingChangesPerInterval"/> times within the interval (a script, not a person).
    /// </summary>
    public bool TryTyping(string connectionId, bool isTyping)
    {
        var now = _clock.GetUtcNow();
        var passed = true;
        _lastTyping.AddOrUpdate(connectionId, new TypingState(now, isTyping, now, 0), (_, last) =>
        {
            if (last.IsTyping == isTyping)
            {
                passed = now - last.At >= _options.TypingInterval;
                return passed ? last with { At = now } : last;
            }

            var (windowStart, changes) = now - last.WindowStart >= _options.TypingInterval ? (now, 0) : (last.WindowStart, last.Changes);
            passed = changes < MaxTypingChangesPerInterval;
            return passed ? new TypingState(now, isTyping, windowStart, changes + 1) : last;
        });
        return passed;
    }

    /// <summary>How often the typing state may flip within one typing interval (typing, sending and typing again is three).</summary>
    public const int MaxTypingChangesPerInterval = 4;

    public void Forget(string connectionId) => _lastTyping.TryRemove(connectionId, out _);

    public void Dispose()
    {
        _startsPerConnection.Dispose();
        _messagesPerConnection.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
        }));

    private sealed record TypingState(DateTimeOffset At, bool IsTyping, DateTimeOffset WindowStart, int Changes);
}
