namespace BizInbox.Web.Realtime.Servers;

/// <summary>What this server forgets when another server sends <see cref="Signal"/>; the cache's owner registers it.</summary>
public sealed record CrossServerForgetting(string Signal, Action<IServiceProvider> Forget);

public static class CrossServerForgettingExtensions
{
    /// <summary>Clears a cache of this server when another server changed what it holds.</summary>
    public static IServiceCollection ForgetOnSignal(this IServiceCollection services, string signal, Action<IServiceProvider> forget) =>
        services.AddSingleton(new CrossServerForgetting(signal, forget));
}

/// <summary>Clears this server's caches when another server changed what they hold (each rule from its cache's owner).</summary>
internal sealed class CrossServerCaches(ICrossServerSignals signals, IEnumerable<CrossServerForgetting> rules, IServiceProvider services) : IHostedService
{
    private readonly List<IDisposable> _handlers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var rule in rules)
        {
            _handlers.Add(signals.Subscribe(rule.Signal, () => rule.Forget(services)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _handlers.ForEach(h => h.Dispose());
        return Task.CompletedTask;
    }
}
