namespace BizInbox.Web.Servers;

/// <summary>
/// A background job that runs once per installation, however many servers there are: at start-up and then every
/// <see cref="Interval"/>, on the server that holds its lease. The lease lasts one interval, so the holder keeps it
/// round after round, and when the holder stops another server takes over at its first round after the lease ran out.
/// </summary>
public abstract class InstallationSingleton(Leases leases, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Log { get; } = logger;

    /// <summary>The lease's name, one per job.</summary>
    protected abstract string LeaseName { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of the job.</summary>
    protected abstract Task RunRoundAsync(CancellationToken ct);

    /// <summary>Runs a round if this server holds (or takes) the lease; false when another server holds it.</summary>
    public async Task<bool> TryRunAsync(CancellationToken ct = default)
    {
        if (!await leases.TryAcquireAsync(LeaseName, Interval, ct))
        {
            return false;
        }

        await RunRoundAsync(ct);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await TryRunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Logs a failed round; the next round tries again.</summary>
    protected virtual void Failed(Exception ex) =>
        Log.LogWarning(ex, "{Job} failed; the next round, in {Interval}, tries again", LeaseName, Interval);
}
