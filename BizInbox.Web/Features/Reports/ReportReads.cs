namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Where the long reads of reports run: each on a thread of its own (<see cref="BackgroundThread"/>), and no more of them
/// at once in the whole app than <c>Reports:ReadThreads</c> (by default half the processors, at least one). A report's
/// reads are independent and ran all at once; on a two-core server three of them took both cores from the webhooks,
/// whose acknowledgements then waited (p99 232 ms at 500 a second while reports ran, 58 ms without). The rest of the
/// machine stays for the messages; a report, or two managers' reports at once, take a little longer.
/// </summary>
public sealed class ReportReads : IDisposable
{
    public const string ThreadsKey = "Reports:ReadThreads";

    private readonly SemaphoreSlim _threads;

    public ReportReads(int? threads = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{ThreadsKey} must be at least 1.");
        }

        Threads = threads ?? Math.Max(1, Environment.ProcessorCount / 2);
        _threads = new SemaphoreSlim(Threads, Threads);
    }

    /// <summary>How many reads may run at once.</summary>
    public int Threads { get; }

    /// <summary>How many reads are running now (for tests and the health of the machine).</summary>
    public int Running => Threads - _threads.CurrentCount;

    /// <summary>Runs <paramref name="read"/> on a thread of its own once one of the app's report threads is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        await _threads.WaitAsync(ct);
        try
        {
            return await BackgroundThread.Run(read);
        }
        finally
        {
            _threads.Release();
        }
    }

    public void Dispose() => _threads.Dispose();
}
