using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Data.Keeping;
using BizInbox.Web.Realtime;
using BizInbox.Web.Realtime.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>Two servers' buses on one Redis: each hears the other's changes once, in order, and its own only once.</summary>
[Collection(RedisTests.Name)]
public sealed class RedisRelayTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();
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
    public async Task AChangePublishedOnOneServer_ReachesTheOthersSubscribers_AndItsOwnOnlyOnce()
    {
        var onA = new ChangeRecorder();
        var onB = new ChangeRecorder();
        using var a = _a.Bus.Subscribe(Topics.Conversation(5), onA.Handle);
        using var b = _b.Bus.Subscribe(Topics.Conversation(5), onB.Handle);
        var change = new InboxChange(ChangeKind.AgentTyping, 5, 2, "u-olga", "Olga Müller") { Typing = true };

        _a.Bus.Publish(change, Topics.Conversation(5), Topics.Inbox(2));
        await onB.HeardAsync(change);

        // B heard A's change through Redis; a copy of it coming back to A would have arrived before B's fence does.
        var fence = ChangeRecorder.Fence(1);
        _b.Bus.Publish(fence, Topics.Conversation(5));
        await onA.HeardAsync(fence);
        onA.Changes.ShouldBe([change]);
        onB.Changes.ShouldBe([change]);
    }

    [Fact]
    public async Task MovedCounts_ReachTheOtherServer_WithTheirRows()
    {
        var heard = new TaskCompletionSource<InboxChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var b = _b.Bus.Subscribe(Topics.Counts, change => { heard.TrySetResult(change); return Task.CompletedTask; });
        KeptCount[] rows =
        [
            new(InboxCountKind.CaughtUp, "u-olga", ConversationStatus.Open, 2, "u-anna", 41, 7),
            new(InboxCountKind.Conversations, InboxCount.Nobody, ConversationStatus.Pending, 3, InboxCount.Nobody, 0, 12),
        ];

        _a.Bus.Publish(new InboxChange(ChangeKind.CountsMoved, 0, 0) { Counts = rows }, Topics.Counts);

        var change = await heard.Task.WaitAsync(Eventually.Patience);
        change.Kind.ShouldBe(ChangeKind.CountsMoved);
        change.Counts.ShouldBe(rows);
        change.ResetCounts.ShouldBeFalse();
    }

    [Fact]
    public async Task ChangesArriveOnTheOtherServer_InTheOrderTheyWerePublished()
    {
        var onB = new ChangeRecorder();
        using var b = _b.Bus.Subscribe(Topics.Conversation(9), onB.Handle);
        using var other = _b.Bus.Subscribe(Topics.Inbox(1), onB.Handle);
        var sent = Enumerable.Range(1, 300)
            .Select(i => new InboxChange(i % 3 == 0 ? ChangeKind.ConversationChanged : ChangeKind.MessageAdded, 9, 1, $"u-{i}"))
            .ToList();

        foreach (var change in sent)
        {
            _a.Bus.Publish(change, Topics.Conversation(9));
        }

        await onB.HeardAsync(sent[^1]);
        onB.Changes.ShouldBe(sent);
    }

    [Fact]
    public async Task WhileRedisIsAway_AServerStarts_ItsOwnScreensStillHearItsChanges_AndNothingFails()
    {
        var away = new RedisSettings
        {
            Configuration = $"127.0.0.1:{PostgresServer.FreeLoopbackPort()},connectTimeout=500", Prefix = _prefix,
        };
        using var connection = new RedisConnection(away);
        using var local = new InProcessInboxEventBus(NullLogger<InProcessInboxEventBus>.Instance);
        using var bus = new RedisInboxEventBus(local, connection, NullLogger<RedisInboxEventBus>.Instance);
        var heard = new ChangeRecorder();
        using var subscription = bus.Subscribe(Topics.Inbox(4), heard.Handle);

        bus.Publish(new InboxChange(ChangeKind.ConversationChanged, 8, 4), Topics.Inbox(4));

        await heard.HeardAsync(new InboxChange(ChangeKind.ConversationChanged, 8, 4));
        using var signals = new RedisCrossServerSignals(connection, NullLogger<RedisCrossServerSignals>.Instance);
        signals.Send(CrossServerSignal.ChannelJobsQueued);
        using var board = new RedisPresenceBoard(connection, signals, bus, NullLogger<RedisPresenceBoard>.Instance);
        (await board.OtherViewersAsync(8)).ShouldBeEmpty();
        new RedisWindowLimits(connection, TimeProvider.System, NullLogger<RedisWindowLimits>.Instance)
            .TryAcquire("webchat-messages", "203.0.113.5", 1, TimeSpan.FromMinutes(1)).ShouldBeTrue();
    }

    [Fact]
    public async Task WhenTheServerStops_ScreensClosingAfterTheRedisConnection_StillLeaveWithoutAnError()
    {
        // On shutdown the container may dispose the Redis connection before the last circuits close their screens.
        var node = new RedisNode(redis, _prefix);
        var typing = node.Presence.Join(12, 3, "u-anna", "Anna Agent");
        var other = node.Presence.Join(13, 3, "u-anna", "Anna Agent");
        node.Connection.Dispose();

        Should.NotThrow(() =>
        {
            typing.Typing(true);
            typing.Dispose();
            node.Bus.Publish(new InboxChange(ChangeKind.ConversationChanged, 12, 3), Topics.Inbox(3));
            node.Signals.Send(CrossServerSignal.ChannelJobsQueued);
        });
        await Should.NotThrowAsync(async () => (await node.Presence.ViewersOfAsync(13)).ShouldNotBeEmpty());
        other.Dispose();
        await node.DisposeAsync();
    }

    [Fact]
    public async Task OnlyTheServersOfOneInstallation_HearEachOther()
    {
        await using var elsewhere = new RedisNode(redis, RedisServer.NewPrefix());
        var heard = new ChangeRecorder();
        using var subscription = elsewhere.Bus.Subscribe(Topics.AllInboxes, heard.Handle);
        var onB = new ChangeRecorder();
        using var b = _b.Bus.Subscribe(Topics.AllInboxes, onB.Handle);

        _a.Bus.Publish(new InboxChange(ChangeKind.MessageAdded, 1, 1), Topics.AllInboxes);
        await onB.HeardAsync(new InboxChange(ChangeKind.MessageAdded, 1, 1));
        // Redis pushed A's change before this fence of the other installation: had it been heard there, it came first.
        await using var neighbour = new RedisNode(redis, elsewhere.Settings.Prefix);
        var fence = ChangeRecorder.Fence(2);
        neighbour.Bus.Publish(fence, Topics.AllInboxes);
        await heard.HeardAsync(fence);

        heard.Changes.ShouldBeEmpty();
    }
}
