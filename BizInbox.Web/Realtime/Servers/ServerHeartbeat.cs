using StackExchange.Redis;

namespace BizInbox.Web.Realtime.Servers;

/// <summary>Keeps this server alive on the presence board (three beats per <see cref="RedisSettings.ServerTimeout"/>) and leaves it on shutdown.</summary>
public sealed class ServerHeartbeat(RedisPresenceBoard board, RedisSettings settings, TimeProvider clock, ILogger<ServerHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.ServerTimeout / 3, clock);
        do
        {
            try
            {
                await board.BeatAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "The heartbeat could not reach Redis");
            }
            catch (ObjectDisposedException)
            {
                return; // the app is going away
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await board.LeaveAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The others forget this server when its key expires.
            logger.LogInformation(ex, "Could not leave the presence board on the way out");
        }
    }
}
