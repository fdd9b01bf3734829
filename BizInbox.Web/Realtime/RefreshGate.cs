namespace BizInbox.Web.Realtime;

/// <summary>
/// Coalesces bursts of change notifications into as few reloads as possible: while one reload runs, further
/// requests are folded into a single follow-up reload, so the screen always ends on the newest state.
/// </summary>
public sealed class RefreshGate(Func<Task> reload)
{
    private int _running;
    private int _pending;

    public async Task RequestAsync()
    {
        Interlocked.Exchange(ref _pending, 1);
        while (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            try
            {
                while (Interlocked.Exchange(ref _pending, 0) == 1)
                {
                    await reload();
                }
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }

            // A request that arrived between the last reload and releasing the gate is not lost.
            if (Volatile.Read(ref _pending) == 0)
            {
                return;
            }
        }
    }
}
