using System.Diagnostics;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>Waits for a condition that another server makes true (polled; generous for a loaded machine).</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > Patience)
            {
                throw new ShouldAssertException($"Waited {Patience.TotalSeconds:F0} s for {what}; last seen: {value}");
            }

            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) =>
        ValueAsync(() => Task.FromResult(condition()), done => done, what);
}
