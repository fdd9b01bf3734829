using System.Runtime.InteropServices;

namespace BizInbox.Web.Features.Reports;

/// <summary>
/// Runs a long read on a thread of its own at a lower scheduling priority. A report reads hundreds of thousands of rows;
/// SQLite's "async" calls are synchronous, so on pool threads a year's read would hold them for a second, and at equal
/// priority it would take the cores that webhooks and agents' circuits need to answer within milliseconds.
/// </summary>
internal static class BackgroundThread
{
    private const int PrioProcess = 0;
    private const int Nice = 10;

    public static Task<T> Run<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(() =>
        {
            Lower();
            return work();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>On Linux the nice value belongs to the thread (this one ends with the read); elsewhere nothing changes.</summary>
    private static void Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = SetPriority(PrioProcess, GetThreadId(), Nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without these calls: the read runs at normal priority.
        }
    }

    // DllImport rather than LibraryImport: two calls with int arguments need no marshalling, and no unsafe code in the app.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
#pragma warning restore SYSLIB1054
}
