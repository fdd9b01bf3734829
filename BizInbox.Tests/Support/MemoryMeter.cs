namespace BizInbox.Tests.Support;

/// <summary>
/// For benchmarks: the bytes allocated and the managed heap's peak above where it started, between <see cref="StartAsync"/>
/// and <see cref="StopAsync"/> (the heap sampled every 2 ms on the side).
/// </summary>
public sealed class MemoryMeter
{
    private volatile bool _stopped;
    private long _heapBefore;
    private long _allocatedBefore;
    private long _heapPeak;
    private Task _sampler = Task.CompletedTask;

    public static MemoryMeter Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var meter = new MemoryMeter();
        meter._heapBefore = meter._heapPeak = GC.GetTotalMemory(forceFullCollection: true);
        meter._allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        meter._sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
            while (await tick.WaitForNextTickAsync(CancellationToken.None) && !meter._stopped)
            {
                meter._heapPeak = Math.Max(meter._heapPeak, GC.GetTotalMemory(forceFullCollection: false));
            }
        });
        return meter;
    }

    /// <summary>Megabytes allocated, and the heap's peak above its start in megabytes.</summary>
    public async Task<(double AllocatedMb, double HeapPeakMb)> StopAsync()
    {
        _stopped = true;
        await _sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        return (allocated / 1024.0 / 1024, (_heapPeak - _heapBefore) / 1024.0 / 1024);
    }
}
