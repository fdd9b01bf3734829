using Microsoft.Extensions.Time.Testing;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Realtime.Servers;
using BizInbox.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>Signals reach the other servers (not the sender), and limits per address and sign-in delays hold across servers.</summary>
[Collection(RedisTests.Name)]
public sealed class RedisSignalsAndLimitsTests(RedisServer redis) : IAsyncLifetime
{
    private const string Address = "203.0.113.5";
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private RedisNode _a = default!;
    private RedisNode _b = default!;

    public Task InitializeAsync()
    {
        (_a, _b) = (new RedisNode(redis, _prefix), new RedisNode(redis, _prefix));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task ASignal_ReachesTheOtherServers_ButNotTheSender()
    {
        var heardOnA = 0;
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fenceOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = _a.Signals.Subscribe(CrossServerSignal.BusinessTimeChanged, () => Interlocked.Increment(ref heardOnA));
        using var b = _b.Signals.Subscribe(CrossServerSignal.BusinessTimeChanged, () => heardOnB.TrySetResult());
        using var fence = _a.Signals.Subscribe(CrossServerSignal.WhatsAppConnectionsChanged, () => fenceOnA.TrySetResult());

        _a.Signals.Send(CrossServerSignal.BusinessTimeChanged);
        await heardOnB.Task.WaitAsync(Eventually.Patience);

        // Had A heard its own signal, it would have come before B's.
        _b.Signals.Send(CrossServerSignal.WhatsAppConnectionsChanged);
        await fenceOnA.Task.WaitAsync(Eventually.Patience);
        heardOnA.ShouldBe(0);
    }

    [Fact]
    public async Task ChannelJobsQueued_WakesTheOutboxWorkersOfTheOtherServers()
    {
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = _b.Signals.OnChannelJobsQueued(() => woken.TrySetResult());

        _a.Signals.ChannelJobsQueued();

        await woken.Task.WaitAsync(Eventually.Patience);
    }

    [Fact]
    public void MessagesPerAddress_AreCountedOverAllServers_ConnectionsOnTheirOwn()
    {
        var options = Options.Create(new WebChatLimitsOptions { MessagesPerAddressPerMinute = 3, MessagesPerConnectionPerMinute = 2 });
        using var onA = new WebChatLimits(options, _clock, new RedisWindowLimits(_a.Connection, _clock, NullLogger<RedisWindowLimits>.Instance));
        using var onB = new WebChatLimits(options, _clock, new RedisWindowLimits(_b.Connection, _clock, NullLogger<RedisWindowLimits>.Instance));

        onA.TrySendMessage(Address, "a-1").ShouldBeTrue();
        onA.TrySendMessage(Address, "a-1").ShouldBeTrue();
        onA.TrySendMessage(Address, "a-1").ShouldBeFalse(); // the connection's own limit
        onB.TrySendMessage(Address, "b-1").ShouldBeTrue();
        onB.TrySendMessage(Address, "b-2").ShouldBeFalse(); // three from this address, whichever server took them
        onA.TrySendMessage(Address, "a-2").ShouldBeFalse();
        onB.TrySendMessage("198.51.100.9", "b-3").ShouldBeTrue();

        _clock.Advance(TimeSpan.FromMinutes(1));
        onB.TrySendMessage(Address, "b-4").ShouldBeTrue();
    }

    [Fact]
    public void HubConnectionsPerAddress_AreCountedOverAllServers()
    {
        using var onA = ConnectLimiterOf(_a, Address);
        using var onB = ConnectLimiterOf(_b, Address);
        using var otherAddressOnB = ConnectLimiterOf(_b, "198.51.100.9");

        Acquired(onA).ShouldBeTrue();
        Acquired(onB).ShouldBeTrue();
        Acquired(onA).ShouldBeTrue();
        Acquired(onB).ShouldBeFalse(); // the fourth connection from this address, on whichever server
        Acquired(onA).ShouldBeFalse();
        Acquired(otherAddressOnB).ShouldBeTrue();

        _clock.Advance(TimeSpan.FromMinutes(1));
        Acquired(onB).ShouldBeTrue();
    }

    [Fact]
    public void AFloodIsNoticedOnce_WhicheverServerRefusesIt()
    {
        var window = TimeSpan.FromHours(1);
        var onA = new RedisWindowLimits(_a.Connection, _clock, NullLogger<RedisWindowLimits>.Instance);
        var onB = new RedisWindowLimits(_b.Connection, _clock, NullLogger<RedisWindowLimits>.Instance);

        onA.TryAcquire(WebChatFloodNotice.NoticeLimit, Address, 1, window).ShouldBeTrue();
        onB.TryAcquire(WebChatFloodNotice.NoticeLimit, Address, 1, window).ShouldBeFalse();

        _clock.Advance(window);
        onB.TryAcquire(WebChatFloodNotice.NoticeLimit, Address, 1, window).ShouldBeTrue();
    }

    private SharedWindowLimiter ConnectLimiterOf(RedisNode node, string address) => new(
        new RedisWindowLimits(node.Connection, _clock, NullLogger<RedisWindowLimits>.Instance), "webchat-connections", address, 3,
        TimeSpan.FromMinutes(1), _clock);

    private static bool Acquired(SharedWindowLimiter limiter)
    {
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Fact]
    public void SignInDelays_FollowAGuesser_ToAnotherServer()
    {
        var options = Options.Create(new SignInThrottleOptions());
        var onA = new SignInThrottle(options, _clock, new RedisSignInFailureStore(_a.Connection, NullLogger<RedisSignInFailureStore>.Instance));
        var onB = new SignInThrottle(options, _clock, new RedisSignInFailureStore(_b.Connection, NullLogger<RedisSignInFailureStore>.Instance));

        for (var i = 0; i < options.Value.FreeFailuresPerAccount; i++)
        {
            onA.Failed(Address, "owner@example.com");
        }

        onB.RetryAfter(Address, "owner@example.com").ShouldBeNull();
        onB.Failed(Address, "Owner@Example.com ");
        onA.RetryAfter(Address, "owner@example.com").ShouldBe(options.Value.FirstDelay);
        onB.RetryAfter(Address, "owner@example.com").ShouldBe(options.Value.FirstDelay);
        onB.RetryAfter("198.51.100.9", "owner@example.com").ShouldBeNull();

        onA.Succeeded(Address, "owner@example.com");
        onB.RetryAfter(Address, "owner@example.com").ShouldBeNull();
    }
}
