using BizInbox.Web.Features.Reports;

namespace BizInbox.Tests.Features.Reports;

/// <summary>Reports never take more of the machine than their threads: the rest stays for the messages.</summary>
public sealed class ReportReadsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_one_thread_a_second_read_starts_only_when_the_first_is_done()
    {
        using var reads = new ReportReads(threads: 1);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = false;

        var first = reads.RunAsync(async () =>
        {
            firstStarted.SetResult();
            await firstMayEnd.Task;
            return Volatile.Read(ref secondStarted);
        }, CancellationToken.None);
        await firstStarted.Task.WaitAsync(Limit);
        var second = reads.RunAsync(() =>
        {
            Volatile.Write(ref secondStarted, true);
            return Task.FromResult(1);
        }, CancellationToken.None);

        reads.Running.ShouldBe(1);
        second.IsCompleted.ShouldBeFalse();
        firstMayEnd.SetResult();

        (await first.WaitAsync(Limit)).ShouldBeFalse("the second read waited for the first");
        (await second.WaitAsync(Limit)).ShouldBe(1);
        reads.Running.ShouldBe(0);
    }

    [Fact]
    public async Task With_two_threads_two_reads_run_at_once()
    {
        using var reads = new ReportReads(threads: 2);
        var bothStarted = new CountdownEvent(2);
        var mayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<int> Read(int value) => reads.RunAsync(async () =>
        {
            bothStarted.Signal();
            await mayEnd.Task;
            return value;
        }, CancellationToken.None);

        var one = Read(1);
        var two = Read(2);
        bothStarted.Wait(Limit).ShouldBeTrue("both reads started before either ended");
        mayEnd.SetResult();

        (await Task.WhenAll(one, two).WaitAsync(Limit)).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task A_failed_read_frees_its_thread()
    {
        using var reads = new ReportReads(threads: 1);

        await Should.ThrowAsync<InvalidOperationException>(reads.RunAsync<int>(() => throw new InvalidOperationException("no such table"), CancellationToken.None));

        (await reads.RunAsync(() => Task.FromResult(7), CancellationToken.None).WaitAsync(Limit)).ShouldBe(7);
    }

    [Fact]
    public async Task A_cancelled_report_stops_waiting_for_a_thread()
    {
        using var reads = new ReportReads(threads: 1);
        var mayEnd = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = reads.RunAsync(() => mayEnd.Task, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = reads.RunAsync(() => Task.FromResult(1), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(waiting.WaitAsync(Limit));
        mayEnd.SetResult(2);
        (await busy.WaitAsync(Limit)).ShouldBe(2);
    }

    [Fact]
    public void The_default_leaves_half_the_processors_to_the_messages_and_a_setting_below_one_is_refused()
    {
        using var byDefault = new ReportReads();
        using var three = new ReportReads(threads: 3);
        byDefault.Threads.ShouldBe(Math.Max(1, Environment.ProcessorCount / 2));
        three.Threads.ShouldBe(3);
        Should.Throw<ArgumentOutOfRangeException>(() => new ReportReads(threads: 0)).Message.ShouldContain("Reports:ReadThreads");
    }
}
