namespace BizInbox.Web.Realtime.Servers;

/// <summary>
/// Named signals for the other servers of the installation (no data: the receiver reads what it needs from the
/// database). The sender acts on its own change itself; <see cref="Send"/> reaches the other servers only.
/// </summary>
public interface ICrossServerSignals
{
    void Send(string signal);

    /// <summary>Runs <paramref name="handler"/> when another server sends <paramref name="signal"/>; disposing stops it.</summary>
    IDisposable Subscribe(string signal, Action handler);
}

/// <summary>The signals there are.</summary>
public static class CrossServerSignal
{
    /// <summary>A WhatsApp number was connected, changed or disconnected: cached secrets are stale.</summary>
    public const string WhatsAppConnectionsChanged = "whatsapp-connections";

    /// <summary>The business's time zone or hours changed: cached zones and calendars are stale.</summary>
    public const string BusinessTimeChanged = "business-time";

    /// <summary>The owner turned the team's two-factor requirement on or off.</summary>
    public const string TwoFactorRequirementChanged = "team-two-factor";

    /// <summary>Someone came online or went offline on another server (or a server went away).</summary>
    public const string OnlineMembersChanged = "online-members";

    /// <summary>Channel send jobs were queued: every server's outbox worker may look for work.</summary>
    public const string ChannelJobsQueued = "channel-jobs-queued";
}

public static class CrossServerSignalsExtensions
{
    /// <summary>Wakes the outbox workers of the other servers (the queuing server wakes its own).</summary>
    public static void ChannelJobsQueued(this ICrossServerSignals signals) => signals.Send(CrossServerSignal.ChannelJobsQueued);

    public static IDisposable OnChannelJobsQueued(this ICrossServerSignals signals, Action wake) =>
        signals.Subscribe(CrossServerSignal.ChannelJobsQueued, wake);
}

/// <summary>One server: there is nobody else to tell.</summary>
public sealed class NoOtherServers : ICrossServerSignals
{
    public void Send(string signal)
    {
    }

    public IDisposable Subscribe(string signal, Action handler) => Nothing.Instance;

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
