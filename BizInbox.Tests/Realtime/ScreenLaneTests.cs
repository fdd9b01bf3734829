using BizInbox.Web.Realtime;

namespace BizInbox.Tests.Realtime;

public sealed class ScreenLaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Work_RunsInTheOrderItCame_OnTheLanesOwnThreads_NotThePools()
    {
        // One thread at most: with more, work starts in order but may finish out of it.
        var lane = new ScreenLane(steady: 1, most: 1, stall: TimeSpan.FromMilliseconds(50), idleLifetime: TimeSpan.FromSeconds(30));
        var ran = new List<(int Item, bool OnPool)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 100; i++)
        {
            var item = i;
            lane.Run(() =>
            {
                lock (ran)
                {
                    ran.Add((item, Thread.CurrentThread.IsThreadPoolThread));
                }

                if (item == 99)
                {
                    done.TrySetResult();
                }
            });
        }

        await done.Task.WaitAsync(Patience);
        lock (ran)
        {
            ran.Select(r => r.Item).ShouldBe(Enumerable.Range(0, 100));
            ran.ShouldAllBe(r => !r.OnPool);
        }

        lane.Threads.ShouldBe(1);
    }

    [Fact]
    public async Task WorkHeldUpByABlockedThread_GetsAnotherThread_UpToTheMost()
    {
        var lane = new ScreenLane(steady: 1, most: 2, stall: TimeSpan.FromMilliseconds(50), idleLifetime: TimeSpan.FromSeconds(30));
        using var release = new ManualResetEventSlim();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.Run(() =>
        {
            first.TrySetResult();
            release.Wait(Patience);
        });
        await first.Task.WaitAsync(Patience);

        // The only steady thread is blocked: the watch adds a second one for the waiting work.
        lane.Run(() =>
        {
            second.TrySetResult();
            release.Wait(Patience);
        });
        await second.Task.WaitAsync(Patience);
        lane.Threads.ShouldBe(2);

        // Both are blocked and the lane is at its most: the next work waits for one of them.
        lane.Run(() => third.TrySetResult());
        (await Task.WhenAny(third.Task, Task.Delay(300))).ShouldNotBe(third.Task);
        lane.Threads.ShouldBe(2);

        release.Set();
        await third.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task IdleThreadsLeave_AndTheLaneStartsAgainForNewWork()
    {
        var lane = new ScreenLane(steady: 2, most: 2, stall: TimeSpan.FromMilliseconds(50), idleLifetime: TimeSpan.FromMilliseconds(100));
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.Run(() => ran.TrySetResult());
        await ran.Task.WaitAsync(Patience);

        await WaitUntilAsync(() => lane.Threads == 0);

        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.Run(() => again.TrySetResult());
        await again.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task WorkThatThrows_DoesNotStopTheLane()
    {
        var lane = new ScreenLane(steady: 1, most: 1, stall: TimeSpan.FromMilliseconds(50), idleLifetime: TimeSpan.FromSeconds(30));
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lane.Run(() => throw new InvalidOperationException("a broken screen"));
        lane.Run(() => after.TrySetResult());
        await after.Task.WaitAsync(Patience);
        lane.Threads.ShouldBe(1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(10);
        }
    }
}
