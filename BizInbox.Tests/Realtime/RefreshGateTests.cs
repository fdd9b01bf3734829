using System.Threading.Channels;
using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Realtime;

public sealed class RefreshGateTests
{
    private static readonly TimeSpan Patience = ChangeRecorder.Patience;

    /// <summary>A reload the test finishes by hand: each call announces itself and waits for the test.</summary>
    private sealed class ControlledReload
    {
        private readonly Channel<TaskCompletionSource> _started = Channel.CreateUnbounded<TaskCompletionSource>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Run()
        {
            Interlocked.Increment(ref _count);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _started.Writer.TryWrite(done);
            return done.Task;
        }

        /// <summary>The next reload once it has started; complete it to let it finish.</summary>
        public async Task<TaskCompletionSource> StartedAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public bool AnyWaiting => _started.Reader.TryPeek(out _);
    }

    [Fact]
    public async Task ARequestWhileIdle_ReloadsOnce()
    {
        var reloads = 0;
        var gate = new RefreshGate(() =>
        {
            reloads++;
            return Task.CompletedTask;
        });

        await gate.RequestAsync().WaitAsync(Patience);
        reloads.ShouldBe(1);

        await gate.RequestAsync().WaitAsync(Patience);
        reloads.ShouldBe(2);
    }

    [Fact]
    public async Task ABurstDuringAReload_IsFoldedIntoOneFollowUpReload()
    {
        var reload = new ControlledReload();
        var gate = new RefreshGate(reload.Run);

        var first = gate.RequestAsync();
        var running = await reload.StartedAsync();

        // A hundred change notifications while the screen reloads: none waits, none reloads by itself.
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(gate.RequestAsync))).WaitAsync(Patience);
        reload.Count.ShouldBe(1);
        first.IsCompleted.ShouldBeFalse();

        running.SetResult();
        var followUp = await reload.StartedAsync();
        reload.Count.ShouldBe(2);
        followUp.SetResult();

        await first.WaitAsync(Patience);
        reload.Count.ShouldBe(2);
        reload.AnyWaiting.ShouldBeFalse();
    }

    [Fact]
    public async Task ARequestDuringTheFollowUpReload_GetsAnotherReload()
    {
        var reload = new ControlledReload();
        var gate = new RefreshGate(reload.Run);

        var first = gate.RequestAsync();
        var one = await reload.StartedAsync();
        await gate.RequestAsync().WaitAsync(Patience);
        one.SetResult();
        var two = await reload.StartedAsync();

        // The newest change arrives while the follow-up reload is already reading: it must not be lost.
        await gate.RequestAsync().WaitAsync(Patience);
        two.SetResult();
        var three = await reload.StartedAsync();
        three.SetResult();

        await first.WaitAsync(Patience);
        reload.Count.ShouldBe(3);
        reload.AnyWaiting.ShouldBeFalse();
    }

    [Fact]
    public async Task AFailedReload_ReachesTheCaller_AndTheGateStaysUsable()
    {
        var reload = new ControlledReload();
        var gate = new RefreshGate(reload.Run);

        var failing = gate.RequestAsync();
        (await reload.StartedAsync()).SetException(new InvalidOperationException("database down"));
        (await Should.ThrowAsync<InvalidOperationException>(failing.WaitAsync(Patience))).Message.ShouldBe("database down");

        var next = gate.RequestAsync();
        (await reload.StartedAsync()).SetResult();
        await next.WaitAsync(Patience);
        reload.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ManyConcurrentRequests_NeverOverlapReloads_AndAlwaysEndWithAReloadAfterTheLastRequest()
    {
        const int callers = 8, requestsEach = 500;
        long requested = 0, seenByLatestReload = 0;
        int reloads = 0, inside = 0, overlaps = 0;
        var gate = new RefreshGate(async () =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            Interlocked.Increment(ref reloads);
            // What the reload reads: every request made before it started.
            var seen = Interlocked.Read(ref requested);
            InterlockedMax(ref seenByLatestReload, seen);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
        });

        var work = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < requestsEach; i++)
            {
                Interlocked.Increment(ref requested);
                await gate.RequestAsync();
            }
        }));
        await Task.WhenAll(work).WaitAsync(Patience * 3);

        Volatile.Read(ref overlaps).ShouldBe(0);
        Interlocked.Read(ref seenByLatestReload).ShouldBe(callers * requestsEach);
        Volatile.Read(ref reloads).ShouldBeLessThanOrEqualTo(callers * requestsEach);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
