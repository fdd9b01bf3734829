namespace BizInbox.Web.Channels.Outbox;

/// <summary>
/// Wakes the channel job worker when a job was committed, so a reply leaves at once instead of at the next poll.
/// With several servers, a relay passes <see cref="JobCommitted"/> to the others, which call <see cref="WakeFromElsewhere"/>
/// (without it they find the job at their next poll, a few seconds later).
/// </summary>
public sealed class ChannelJobSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>A job was committed on this server (raised by <see cref="Wake"/>, not by <see cref="WakeFromElsewhere"/>).</summary>
    public event Action? JobCommitted;

    public void Dispose() => _signal.Dispose();

    /// <summary>A job was committed here: wakes this server's worker and tells <see cref="JobCommitted"/>'s listeners.</summary>
    public void Wake()
    {
        WakeFromElsewhere();
        JobCommitted?.Invoke();
    }

    /// <summary>Another server committed a job: wakes this server's worker only.</summary>
    public void WakeFromElsewhere()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Waits for a wake-up or the timeout (real time: tests drive the worker directly).</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.WaitAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Time to look again.
        }
    }
}
