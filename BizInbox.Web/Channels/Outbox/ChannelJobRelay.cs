using BizInbox.Web.Realtime.Servers;

namespace BizInbox.Web.Channels.Outbox;

/// <summary>
/// Tells the other servers' outbox workers when a job was committed here, and wakes this one when another server
/// committed one, so a reply queued on any server leaves at once rather than at the next poll. With one server the
/// signals go nowhere.
/// </summary>
public sealed class ChannelJobRelay(ChannelJobSignal outbox, ICrossServerSignals signals) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        outbox.JobCommitted += Tell;
        _subscription = signals.OnChannelJobsQueued(outbox.WakeFromElsewhere);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        outbox.JobCommitted -= Tell;
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Tell() => signals.ChannelJobsQueued();
}
