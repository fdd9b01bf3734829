using BizInbox.Web.Features.Reports;

namespace BizInbox.Tests.Features.Reports;

/// <summary>Report reads hold a thread for up to a second (SQLite reads synchronously): never one of the pool's.</summary>
public sealed class BackgroundThreadTests
{
    [Fact]
    public async Task A_read_runs_on_a_thread_of_its_own_and_the_caller_continues_elsewhere()
    {
        var (thread, pooled) = await BackgroundThread.Run(() => Task.FromResult((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread)));

        pooled.ShouldBeFalse();
        Environment.CurrentManagedThreadId.ShouldNotBe(thread, "the caller does not go on running on the read's thread");
    }

    [Fact]
    public async Task A_failed_read_fails_the_caller()
    {
        var read = BackgroundThread.Run<int>(() => throw new InvalidOperationException("no such table"));

        (await Should.ThrowAsync<InvalidOperationException>(read)).Message.ShouldBe("no such table");
    }
}
