using System.Diagnostics;

namespace BizInbox.E2E.Benchmarks;

/// <summary>This process's memory as the memory benchmarks compare it.</summary>
internal static class ProcessMemory
{
    /// <summary>The managed heap after full, compacting collections, and the working set at that moment.</summary>
    public static (long Heap, long WorkingSet) AfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
