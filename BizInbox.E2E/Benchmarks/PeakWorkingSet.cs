using System.Diagnostics;

namespace BizInbox.E2E.Benchmarks;

/// <summary>The process's largest working set, sampled every second while it lives.</summary>
internal sealed class PeakWorkingSet : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public PeakWorkingSet() => _sampling = SampleAsync();

    public long Peak { get; private set; }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        using var process = Process.GetCurrentProcess();
        try
        {
            do
            {
                process.Refresh();
                Peak = Math.Max(Peak, process.WorkingSet64);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Disposed: the run is over.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sampling.Wait();
        _stop.Dispose();
    }
}
