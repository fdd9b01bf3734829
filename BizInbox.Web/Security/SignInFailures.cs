using System.Collections.Concurrent;

namespace BizInbox.Web.Security;

/// <summary>Failed password checks under one key: how many, the last one, and when the next may be checked.</summary>
public sealed record SignInFailures(int Count, DateTimeOffset Last, DateTimeOffset NotBefore);

/// <summary>
/// Where <see cref="SignInThrottle"/> keeps its counts: in memory on one server (a restart forgives), in Redis with
/// several (<see cref="Realtime.Servers.RedisSignInFailureStore"/>), so that a guesser gains nothing by switching servers.
/// </summary>
public interface ISignInFailureStore
{
    SignInFailures? Find(string key);

    /// <summary>Replaces the key's failures by <paramref name="change"/> of them, atomically; kept for <paramref name="keep"/> after.</summary>
    void Update(string key, Func<SignInFailures?, SignInFailures> change, TimeSpan keep);

    void Remove(string key);
}

public sealed class InMemorySignInFailureStore(TimeProvider clock) : ISignInFailureStore
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, SignInFailures> _failures = new(StringComparer.Ordinal);

    public SignInFailures? Find(string key) => _failures.GetValueOrDefault(key);

    public void Update(string key, Func<SignInFailures?, SignInFailures> change, TimeSpan keep)
    {
        _failures.AddOrUpdate(key, _ => change(null), (_, f) => change(f));
        if (_failures.Count > PruneAbove)
        {
            var now = clock.GetUtcNow();
            foreach (var (stale, _) in _failures.Where(e => now - e.Value.Last > keep))
            {
                _failures.TryRemove(stale, out _);
            }
        }
    }

    public void Remove(string key) => _failures.TryRemove(key, out _);
}
