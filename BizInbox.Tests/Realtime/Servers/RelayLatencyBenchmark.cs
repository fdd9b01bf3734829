using System.Diagnostics;
using System.Globalization;
using BizInbox.Tests.Support;
using BizInbox.Web.Realtime;
using BizInbox.Web.Realtime.Servers;
using Xunit.Abstractions;

namespace BizInbox.Tests.Realtime.Servers;

/// <summary>
/// How long a change takes from one server's bus to a subscriber on another server through Redis, next to the same
/// delivery within one server. Figures only (Category=Benchmark, not in CI):
/// <c>dotnet test BizInbox.Tests -c Release --filter "FullyQualifiedName~RelayLatencyBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(RedisTests.Name)]
[Trait("Category", "Benchmark")]
public sealed class RelayLatencyBenchmark(RedisServer redis, ITestOutputHelper output)
{
    private const int WarmUp = 500;
    private const int Measured = 5_000;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(2); // about 500 changes a second

    [Fact]
    public async Task ChangeToSubscriber_OnTheSameServer_AndOnAnother()
    {
        var prefix = RedisServer.NewPrefix();
        await using var a = new RedisNode(redis, prefix);
        await using var b = new RedisNode(redis, prefix);

        var local = await MeasureAsync(a.Bus, a.Bus);
        var across = await MeasureAsync(a.Bus, b.Bus);

        output.WriteLine($"{Measured:N0} changes at about {1 / Pace.TotalSeconds:N0}/s, load average {LoadAverage()}");
        output.WriteLine($"same server:    {Summary(local)}");
        output.WriteLine($"across servers: {Summary(across)}");
        across.Length.ShouldBe(Measured);
    }

    private static async Task<double[]> MeasureAsync(RedisInboxEventBus publisher, RedisInboxEventBus receiver)
    {
        var total = WarmUp + Measured;
        var sentAt = new long[total];
        var latencies = new double[total];
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = receiver.Subscribe(Topics.Conversation(1), change =>
        {
            latencies[change.InboxId] = Stopwatch.GetElapsedTime(sentAt[change.InboxId]).TotalMilliseconds;
            if (Interlocked.Increment(ref received) == total)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            // Open loop: each change is due at its slot; time is counted from when it was sent.
            var due = Pace * i;
            if (Stopwatch.GetElapsedTime(start) < due)
            {
                await Task.Delay(due - Stopwatch.GetElapsedTime(start));
            }

            sentAt[i] = Stopwatch.GetTimestamp();
            publisher.Publish(new InboxChange(ChangeKind.MessageAdded, 1, i), Topics.Conversation(1));
        }

        await all.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return latencies[WarmUp..];
    }

    private static string Summary(double[] latencies)
    {
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F2} ms, p95 {At(0.95):F2} ms, p99 {At(0.99):F2} ms, max {sorted[^1]:F2} ms");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
