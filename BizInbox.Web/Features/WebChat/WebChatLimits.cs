using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BizInbox.Web.Features.WebChat;

/// <summary>
/// Limits on anonymous web chat use per address and per connection (see <see cref="WebChatLimitsOptions"/>).
/// A refused call is an expected answer to a script, not an error: it is neither logged per call nor traced.
/// </summary>
public sealed class WebChatLimits : IDisposable
{
    public const string ConnectPolicy = "webchat-connect";

    private readonly WebChatLimitsOptions _options;
    private readonly TimeProvider _clock;
    private readonly PartitionedRateLimiter<string> _startsPerAddress;
    private readonly PartitionedRateLimiter<string> _startsPerConnection;
    private readonly PartitionedRateLimiter<string> _messagesPerAddress;
    private readonly PartitionedRateLimiter<string> _messagesPerConnection;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, bool IsTyping)> _lastTyping = new(StringComparer.Ordinal);

    public WebChatLimits(IOptions<WebChatLimitsOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _startsPerAddress = Window(_options.SessionStartsPerAddress, _options.SessionStartWindow);
        _startsPerConnection = Window(_options.SessionStartsPerConnection, _options.SessionStartWindow);
        _messagesPerAddress = Window(_options.MessagesPerAddressPerMinute, TimeSpan.FromMinutes(1));
        _messagesPerConnection = Window(_options.MessagesPerConnectionPerMinute, TimeSpan.FromMinutes(1));
    }

    public bool TryStartSession(string address, string connectionId) =>
        Acquire(_startsPerConnection, connectionId) && Acquire(_startsPerAddress, address);

    public bool TrySendMessage(string address, string connectionId) =>
        Acquire(_messagesPerConnection, connectionId) && Acquire(_messagesPerAddress, address);

    /// <summary>
    /// Whether this typing event goes on to the team: a change (started, stopped) does unless it follows the last one
    /// within a tenth of the interval; a repeat of the same state only once per interval.
    /// </summary>
    public bool TryTyping(string connectionId, bool isTyping)
    {
        var now = _clock.GetUtcNow();
        var passed = true;
        _lastTyping.AddOrUpdate(connectionId, (now, isTyping), (_, last) =>
        {
            var gap = now - last.At;
            passed = gap >= _options.TypingInterval || (last.IsTyping != isTyping && gap >= _options.TypingInterval / 10);
            return passed ? (now, isTyping) : last;
        });
        return passed;
    }

    public void Forget(string connectionId) => _lastTyping.TryRemove(connectionId, out _);

    public void Dispose()
    {
        _startsPerAddress.Dispose();
        _startsPerConnection.Dispose();
        _messagesPerAddress.Dispose();
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
}
