using Microsoft.Extensions.Time.Testing;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BizInbox.Tests.Realtime;

public sealed class ConversationPresenceTests : IDisposable
{
    private const long ConversationId = 7;
    private const int InboxId = 3;

    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly InProcessInboxEventBus _bus = new(NullLogger<InProcessInboxEventBus>.Instance);
    private readonly ChangeRecorder _heard = new();
    private readonly IDisposable _subscription;
    private readonly ConversationPresence _presence;

    public ConversationPresenceTests()
    {
        _presence = new ConversationPresence(new LiveSignals(_bus), _clock);
        _subscription = _bus.Subscribe(Topics.Conversation(ConversationId), _heard.Handle);
    }

    public void Dispose() => _subscription.Dispose();

    // One server: the board of other servers is empty, so the answer is there at once.
    private IReadOnlyList<Viewer> Viewers(long conversationId) => _presence.ViewersOfAsync(conversationId).GetAwaiter().GetResult();

    private static InboxChange Presence(string userId, string name) => new(ChangeKind.PresenceChanged, ConversationId, InboxId, userId, name);

    private static InboxChange Typing(string userId, string name, bool typing) => new(ChangeKind.AgentTyping, ConversationId, InboxId, userId, name) { Typing = typing };

    /// <summary>Everything announced on the conversation's topic so far (fenced, so nothing is still on its way).</summary>
    private async Task<IReadOnlyList<InboxChange>> AnnouncedAsync()
    {
        var fence = ChangeRecorder.Fence(_heard.Received.Count);
        _bus.Publish(fence, Topics.Conversation(ConversationId));
        await _heard.HeardAsync(fence);
        return _heard.Changes;
    }

    [Fact]
    public async Task Join_ShowsTheViewer_AndAnnouncesIt()
    {
        using var olga = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");

        Viewers(ConversationId).ShouldBe([new Viewer("u-olga", "Olga", false)]);
        Viewers(ConversationId + 1).ShouldBeEmpty();
        (await AnnouncedAsync()).ShouldBe([Presence("u-olga", "Olga")]);
    }

    [Fact]
    public void Viewers_AreListedOncePerPerson_SortedByName()
    {
        using var olgaTab1 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        using var olgaTab2 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        using var anna = _presence.Join(ConversationId, InboxId, "u-anna", "Anna");
        using var elsewhere = _presence.Join(ConversationId + 1, InboxId, "u-ben", "Ben");

        Viewers(ConversationId).ShouldBe([new Viewer("u-anna", "Anna", false), new Viewer("u-olga", "Olga", false)]);
        Viewers(ConversationId + 1).ShouldBe([new Viewer("u-ben", "Ben", false)]);
    }

    [Fact]
    public async Task Typing_ShowsAndAnnouncesStartAndStop_OnceEach()
    {
        using var olga = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        using var anna = _presence.Join(ConversationId, InboxId, "u-anna", "Anna");

        olga.Typing(true);
        olga.Typing(true); // still typing: nothing new to announce
        Viewers(ConversationId).ShouldBe([new Viewer("u-anna", "Anna", false), new Viewer("u-olga", "Olga", true)]);

        olga.Typing(false);
        olga.Typing(false);
        Viewers(ConversationId).ShouldAllBe(v => !v.IsTyping);

        (await AnnouncedAsync()).ShouldBe(
            [Presence("u-olga", "Olga"), Presence("u-anna", "Anna"), Typing("u-olga", "Olga", true), Typing("u-olga", "Olga", false)]);
    }

    [Fact]
    public void Typing_LapsesAfterSixSecondsWithoutAKeystroke()
    {
        using var olga = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        olga.Typing(true);

        _clock.Advance(TimeSpan.FromSeconds(4));
        Viewers(ConversationId).ShouldHaveSingleItem().IsTyping.ShouldBeTrue();
        olga.Typing(true); // another keystroke extends it
        _clock.Advance(TimeSpan.FromSeconds(4));
        Viewers(ConversationId).ShouldHaveSingleItem().IsTyping.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(2));
        Viewers(ConversationId).ShouldHaveSingleItem().IsTyping.ShouldBeFalse();
    }

    [Fact]
    public void Typing_InOneTab_ShowsThePersonTyping()
    {
        using var tab1 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        using var tab2 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");

        tab2.Typing(true);

        Viewers(ConversationId).ShouldBe([new Viewer("u-olga", "Olga", true)]);
    }

    [Fact]
    public async Task Leave_RemovesTheTab_TheLastTabRemovesThePerson_AndIsAnnounced()
    {
        var tab1 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        var tab2 = _presence.Join(ConversationId, InboxId, "u-olga", "Olga");
        using var anna = _presence.Join(ConversationId, InboxId, "u-anna", "Anna");

        tab1.Dispose();
        Viewers(ConversationId).Select(v => v.UserId).ShouldBe(["u-anna", "u-olga"]);
        tab2.Typing(true);
        tab2.Dispose();
        tab2.Dispose(); // leaving twice announces once
        tab2.Typing(false); // after leaving: ignored

        Viewers(ConversationId).ShouldBe([new Viewer("u-anna", "Anna", false)]);
        (await AnnouncedAsync()).ShouldBe(
            [Presence("u-olga", "Olga"), Presence("u-olga", "Olga"), Presence("u-anna", "Anna"),
             Presence("u-olga", "Olga"), Typing("u-olga", "Olga", true), Presence("u-olga", "Olga")]);

        anna.Dispose();
        Viewers(ConversationId).ShouldBeEmpty();
    }

    [Fact]
    public async Task JoiningAndLeavingConcurrently_LeavesNobodyBehind()
    {
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var handle = _presence.Join(ConversationId, InboxId, $"u-{w}", $"User {w}");
                handle.Typing(i % 2 == 0);
                _ = Viewers(ConversationId);
            }
        }));

        await Task.WhenAll(workers).WaitAsync(ChangeRecorder.Patience);

        Viewers(ConversationId).ShouldBeEmpty();
    }
}
