namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Runs a long read on a thread of its own. A report reads hundreds of thousands of rows, and SQLite's "async" calls are
/// synchronous: on pool threads a year's read would hold them for a second and starve the webhooks and circuits that
/// need them. (A lower scheduling priority for the thread was tried and dropped: on Linux every thread it starts, pool
/// threads included, inherits that priority for good.)
/// </summary>
internal static class BackgroundThread
{
    public static Task<T> Run<T>(Func<Task<T>> work)
    {
        // The caller continues on a pool thread, not inline on the dedicated thread that finished the read.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Factory.StartNew(async () =>
        {
            try
            {
                done.TrySetResult(await work());
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return done.Task;
    }
}
