using BizInbox.Domain.Conversations;
using BizInbox.Web.Data.Keeping;

namespace BizInbox.Web.Realtime;

/// <summary>What changed. Small on purpose: screens re-query what they show.</summary>
public enum ChangeKind
{
    MessageAdded,
    ConversationChanged,
    ReadStateChanged,
    PresenceChanged,
    CustomerTyping,
    AgentTyping,
    MentionReceived,
    DeliveryChanged,
    ContactChanged,
    SessionsEnded,

    /// <summary>A member's role, activity, name or language changed: their circuits load them again.</summary>
    MemberChanged,

    /// <summary>The owner turned the team's two-factor requirement on or off (<see cref="InboxChange.TwoFactorRequired"/>).</summary>
    TwoFactorRequirementChanged,

    /// <summary>
    /// Messages already on screen changed, not only what is newer: the conversation's contact was erased, or a merge folded
    /// another conversation into it (or took it back out). A conversation a merge folded away is gone.
    /// </summary>
    ConversationRewritten,

    /// <summary>
    /// Tab counts moved (<see cref="InboxChange.Counts"/>, the rows as they now stand), or were repaired and are to be read
    /// again (<see cref="InboxChange.ResetCounts"/>). Only the servers' <c>InboxCountBoard</c> listens.
    /// </summary>
    CountsMoved,
}

/// <summary>
/// A change, published after the database commit (or, for typing, presence and sessions, as it happens). It carries what a
/// list needs to decide whether the change concerns it; a change that names no conversation or inbox has 0 there (a
/// contact's change; a delivery, read or mention change names the conversation only).
/// </summary>
public sealed record InboxChange(ChangeKind Kind, long ConversationId, int InboxId, string? ActorUserId = null, string? ActorName = null)
{
    /// <summary>A new message or change the customer can see part of (a note or an internal change must not even wake their screen).</summary>
    public bool VisibleToCustomer { get; init; }

    /// <summary>The change brought a customer's message.</summary>
    public bool Incoming { get; init; }

    /// <summary>For <see cref="ChangeKind.CustomerTyping"/> and <see cref="ChangeKind.AgentTyping"/>: typing (true) or stopped.</summary>
    public bool Typing { get; init; }

    /// <summary>For <see cref="ChangeKind.TwoFactorRequirementChanged"/>: the requirement is now on.</summary>
    public bool TwoFactorRequired { get; init; }

    /// <summary>The conversation's assignee after the change (conversation changes only).</summary>
    public string? AssigneeId { get; init; }

    /// <summary>The assignee before the change; equal to <see cref="AssigneeId"/> when the assignment did not move.</summary>
    public string? PreviousAssigneeId { get; init; }

    /// <summary>The conversation's status after the change (conversation changes only).</summary>
    public ConversationStatus? Status { get; init; }

    /// <summary>The status before the change; equal to <see cref="Status"/> when it did not move.</summary>
    public ConversationStatus? PreviousStatus { get; init; }

    /// <summary>For <see cref="ChangeKind.CountsMoved"/>: the kept counts a commit changed, as they stand after it.</summary>
    public IReadOnlyList<KeptCount>? Counts { get; init; }

    /// <summary>For <see cref="ChangeKind.CountsMoved"/>: the counts were repaired; whoever keeps a copy reads them all again.</summary>
    public bool ResetCounts { get; init; }
}


/// <summary>Topic names: one per inbox, per conversation, per user, one for everything and one for the team's rules.</summary>
public static class Topics
{
    public const string AllInboxes = "inbox:*";

    /// <summary>Changes to rules for every member (the two-factor requirement): carries no data, so anyone may listen.</summary>
    public const string Team = "team";

    /// <summary>Kept tab counts that moved: carries counts of every agent, so only the server's count board listens.</summary>
    public const string Counts = "counts";

    public static string Inbox(int id) => $"inbox:{id}";

    public static string Conversation(long id) => $"conversation:{id}";

    public static string User(string id) => $"user:{id}";

    public static string Contact(Guid id) => $"contact:{id:N}";
}

/// <summary>
/// Publishes changes to whoever is subscribed to a topic. In-process here; a transport for several servers
/// (e.g. PostgreSQL LISTEN/NOTIFY) implements the same interface.
/// </summary>
public interface IInboxEventBus
{
    void Publish(InboxChange change, params string[] topics);

    IDisposable Subscribe(string topic, Func<InboxChange, Task> handler);

    /// <summary>
    /// Subscribes a screen that folds what it hears: <paramref name="note"/> runs for every change, at once and cheaply (in
    /// memory, nothing awaited), and says whether the screen has work to do; <paramref name="settle"/> then does that work
    /// once for all the changes noted together: after an inline change, or after all the detached changes that were
    /// queued for the subscription when its thread came to them.
    /// </summary>
    IDisposable Subscribe(string topic, Func<InboxChange, bool> note, Func<Task> settle);
}

/// <summary>The single-server bus: a dictionary of topic subscribers behind a short lock.</summary>
public sealed class InProcessInboxEventBus(ILogger<InProcessInboxEventBus> logger) : IInboxEventBus, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ScreenLane _lane = ScreenLane.ForThisMachine();

    public void Publish(InboxChange change, params string[] topics)
    {
        List<Subscription> targets = [];
        lock (_gate)
        {
            foreach (var topic in topics.Distinct())
            {
                if (_subscriptions.TryGetValue(topic, out var list))
                {
                    targets.AddRange(list);
                }
            }
        }

        var detached = InboxDelivery.IsDetached;
        foreach (var subscription in targets.Distinct())
        {
            subscription.Deliver(change, detached);
        }
    }

    public IDisposable Subscribe(string topic, Func<InboxChange, Task> handler) => Add(new Subscription(this, topic, handler, null, null));

    public IDisposable Subscribe(string topic, Func<InboxChange, bool> note, Func<Task> settle) => Add(new Subscription(this, topic, null, note, settle));

    private Subscription Add(Subscription subscription)
    {
        var topic = subscription.Topic;
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(topic, out var list))
            {
                _subscriptions[topic] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    public void Dispose() => _lane.Dispose();

    internal int SubscriberCount(string topic)
    {
        lock (_gate)
        {
            return _subscriptions.TryGetValue(topic, out var list) ? list.Count : 0;
        }
    }

    private async Task DeliverAsync(Func<InboxChange, Task> handler, string topic, InboxChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception ex)
        {
            // One broken screen must not stop the others from hearing about the change.
            logger.LogWarning(ex, "A subscriber of {Topic} failed to handle {Kind}", topic, change.Kind);
        }
    }

    private bool Noted(Func<InboxChange, bool> note, string topic, InboxChange change)
    {
        try
        {
            return note(change);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of {Topic} failed to note {Kind}", topic, change.Kind);
            return false;
        }
    }

    private async Task SettleAsync(Func<Task> settle, string topic)
    {
        try
        {
            await settle();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber of {Topic} failed to act on the changes it noted", topic);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.Topic, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscriptions.Remove(subscription.Topic);
            }
        }
    }

    /// <summary>
    /// A subscriber's changes start in the order they were published. A detached change waits in the subscription's queue
    /// for a thread of the screens' own (<see cref="ScreenLane"/>); a change published inline while the queue holds changes
    /// goes behind them. Only the start is ordered: a screen's handler hands its work to the circuit, which runs it in that
    /// order. A folding subscription notes everything queued when its thread comes to it, then settles once.
    /// </summary>
    private sealed class Subscription(
        InProcessInboxEventBus bus, string topic, Func<InboxChange, Task>? handler, Func<InboxChange, bool>? note, Func<Task>? settle) : IDisposable
    {
        private readonly Queue<InboxChange> _queued = new();
        private bool _draining;
        private volatile bool _disposed;

        public string Topic { get; } = topic;

        public void Deliver(InboxChange change, bool detached)
        {
            lock (_queued)
            {
                if (detached || _draining)
                {
                    _queued.Enqueue(change);
                    if (!_draining)
                    {
                        _draining = true;
                        bus._lane.Run(Drain);
                    }

                    return;
                }
            }

            Hand([change]);
        }

        public void Dispose()
        {
            _disposed = true;
            bus.Remove(this);
        }

        private void Drain()
        {
            while (true)
            {
                InboxChange[] due;
                lock (_queued)
                {
                    if (_disposed || _queued.Count == 0)
                    {
                        _queued.Clear();
                        _draining = false;
                        return;
                    }

                    due = [.. _queued];
                    _queued.Clear();
                }

                Hand(due);
            }
        }

        private void Hand(InboxChange[] changes)
        {
            var work = false;
            foreach (var change in changes)
            {
                if (_disposed)
                {
                    return;
                }

                if (handler is not null)
                {
                    _ = bus.DeliverAsync(handler, Topic, change);
                }
                else
                {
                    work |= bus.Noted(note!, Topic, change);
                }
            }

            if (work && !_disposed)
            {
                _ = bus.SettleAsync(settle!, Topic);
            }
        }
    }
}

/// <summary>
/// Where a publisher's subscribers run. By default a change is handed to each subscriber on the publishing thread, so that
/// a screen acting on its own change sees it at once; a screen whose circuit is free then does its work on that thread.
/// A background writer cannot afford that (the webhooks' batch writer would otherwise re-read 200 agents' lists before it
/// answers the next batch): inside <see cref="Detach"/>, changes go to each subscriber's queue and run on the screens' own
/// threads (<see cref="ScreenLane"/>), not on the pool that serves requests.
/// </summary>
public static class InboxDelivery
{
    private static readonly AsyncLocal<bool> Detached = new();

    public static bool IsDetached => Detached.Value;

    /// <summary>Publishes from this flow from now on (a dedicated thread's loop, everything it awaits) are detached.</summary>
    public static void Detach() => Detached.Value = true;
}
