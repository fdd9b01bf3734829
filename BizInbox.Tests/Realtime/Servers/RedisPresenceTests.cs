using BizInbox.Tests.Support;
using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>Who is viewing, typing and online shows on every server, and a server that dies takes its entries with it.</summary>
[Collection(RedisTests.Name)]
public sealed class RedisPresenceTests(RedisServer redis) : IAsyncLifetime
{
    private const long ConversationId = 7;
    private const int InboxId = 3;
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisNode _a = default!;
    private RedisNode _b = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = (new RedisNode(redis, _prefix, ShortTimeout), new RedisNode(redis, _prefix, ShortTimeout));
        await _a.StartAsync();
        await _b.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task AViewerAndTheirTyping_OnOneServer_ShowOnTheOther_AndLeavingRemovesThem()
    {
        var onB = new ChangeRecorder();
        using var subscription = _b.Bus.Subscribe(Topics.Conversation(ConversationId), onB.Handle);
        using var anna = _b.Presence.Join(ConversationId, InboxId, "u-anna", "Anna");
        var olga = _a.Presence.Join(ConversationId, InboxId, "u-olga", "Olga");

        await onB.HeardAsync(new InboxChange(ChangeKind.PresenceChanged, ConversationId, InboxId, "u-olga", "Olga"));
        (await _b.Presence.ViewersOfAsync(ConversationId)).ShouldBe([new Viewer("u-anna", "Anna", false), new Viewer("u-olga", "Olga", false)]);
        (await Eventually.ValueAsync(() => _a.Presence.ViewersOfAsync(ConversationId), v => v.Count == 2, "Anna on A's screen"))
            .ShouldBe([new Viewer("u-anna", "Anna", false), new Viewer("u-olga", "Olga", false)]);

        olga.Typing(true);
        await onB.HeardAsync(new InboxChange(ChangeKind.AgentTyping, ConversationId, InboxId, "u-olga", "Olga") { Typing = true });
        (await _b.Presence.ViewersOfAsync(ConversationId)).ShouldContain(new Viewer("u-olga", "Olga", true));

        olga.Dispose();
        await Eventually.ValueAsync(() => _b.Presence.ViewersOfAsync(ConversationId), v => v.Count == 1, "Olga to leave");
        (await _b.Presence.ViewersOfAsync(ConversationId)).ShouldBe([new Viewer("u-anna", "Anna", false)]);
    }

    [Fact]
    public async Task AServerThatDies_LosesItsViewersAndMembersOnline_OnTheOthers_WhoAreTold()
    {
        var onB = new ChangeRecorder();
        using var subscription = _b.Bus.Subscribe(Topics.Conversation(ConversationId), onB.Handle);
        var onlineChanges = 0;
        _b.Online.Changed += () => Interlocked.Increment(ref onlineChanges);
        _a.Presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        _a.Online.Opened("u-olga");
        _b.Online.Opened("u-anna");
        await Eventually.ValueAsync(() => _b.Presence.ViewersOfAsync(ConversationId), v => v.Count == 1, "Olga on B's screen");
        await Eventually.ValueAsync(() => _b.Online.OnlineAsync(), o => o.Contains("u-olga"), "Olga online on B");
        (await _a.Online.OnlineAsync()).ShouldBe(["u-anna", "u-olga"], ignoreOrder: true);
        await onB.HeardAsync(new InboxChange(ChangeKind.PresenceChanged, ConversationId, InboxId, "u-olga", "Olga"));
        var changesBefore = onlineChanges;

        _a.Crash();

        await Eventually.ValueAsync(() => _b.Presence.ViewersOfAsync(ConversationId), v => v.Count == 0, "Olga to vanish with her server");
        await onB.HeardAsync(new InboxChange(ChangeKind.PresenceChanged, ConversationId, InboxId));
        (await _b.Online.OnlineAsync()).ShouldBe(["u-anna"]);
        await Eventually.TrueAsync(() => onlineChanges > changesBefore, "B's online list to be told");
    }

    [Fact]
    public async Task AServerStoppedOnPurpose_LeavesAtOnce()
    {
        await using var c = new RedisNode(redis, _prefix, TimeSpan.FromMinutes(5));
        await c.StartAsync();
        c.Presence.Join(ConversationId, InboxId, "u-ben", "Ben");
        await Eventually.ValueAsync(() => _b.Presence.ViewersOfAsync(ConversationId), v => v.Count == 1, "Ben on B's screen");

        await c.Heartbeat.StopAsync(CancellationToken.None);

        // Its key would live five minutes; leaving does not wait for that.
        (await _b.Presence.ViewersOfAsync(ConversationId)).ShouldBeEmpty();
    }
}
