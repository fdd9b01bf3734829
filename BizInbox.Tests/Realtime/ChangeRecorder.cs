using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Realtime;

/// <summary>
/// A bus subscriber that remembers what it heard and lets a test wait for a given change. To show that
/// something was NOT delivered, a test publishes a fence change after it and waits for the fence.
/// </summary>
internal sealed class ChangeRecorder
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<InboxChange> _received = [];
    private readonly List<(InboxChange Expected, TaskCompletionSource Heard)> _waiters = [];

    /// <summary>A change no production code publishes, to fence off earlier deliveries.</summary>
    public static InboxChange Fence(int number = 0) => new(ChangeKind.MentionReceived, -1, number, "fence");

    public IReadOnlyList<InboxChange> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>What was heard, without fences.</summary>
    public IReadOnlyList<InboxChange> Changes => Received.Where(c => c.ActorUserId != "fence").ToList();

    public Task Handle(InboxChange change)
    {
        lock (_gate)
        {
            _received.Add(change);
            foreach (var (expected, heard) in _waiters.Where(w => w.Expected == change))
            {
                heard.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once <paramref name="change"/> has been heard; fails the test after <see cref="Patience"/>.</summary>
    public async Task HeardAsync(InboxChange change)
    {
        Task heard;
        lock (_gate)
        {
            if (_received.Contains(change))
            {
                return;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((change, waiter));
            heard = waiter.Task;
        }

        try
        {
            await heard.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"{change} was not heard within {Patience.TotalSeconds:F0} seconds; heard: {string.Join(", ", Received)}");
        }
    }
}
