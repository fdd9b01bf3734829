using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BizInbox.Domain.Conversations;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// "A 200 means committed", under the worst a server sees: 10,000 signed webhooks while the app is killed hard
/// (SIGKILL, no shutdown) and restarted 20 times, the sender retrying whatever got no 200 as Meta does. Afterwards
/// every acknowledged message is stored, and none twice. Reports the figures:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~WebhookCrashBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WebhookCrashBenchmark(ITestOutputHelper output)
{
    private const int Webhooks = 10_000;
    private const int Kills = 20;
    private const int Senders = 16;
    private const int Customers = 200;

    [Fact]
    public async Task EveryAcknowledgedWebhook_IsStoredExactlyOnce_ThroughTwentyHardKills()
    {
        var dataDirectory = await PrepareDataDirectoryAsync();
        var port = AppProcess.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Senders, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(10),
        };

        var acknowledged = new ConcurrentDictionary<int, bool>();
        var attempts = 0;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var app = await StartAsync(dataDirectory, port);
        var next = -1;

        async Task SendAllAsync()
        {
            while (Interlocked.Increment(ref next) is var i && i < Webhooks)
            {
                // As Meta does: whatever is not answered 200 is delivered again, until it is.
                for (var delay = 50; ; delay = Math.Min(delay * 2, 1000))
                {
                    Interlocked.Increment(ref attempts);
                    try
                    {
                        using var response = await http.SendAsync(Webhook(i));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged[i] = true;
                            break;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                    }

                    Interlocked.Increment(ref refused);
                    await Task.Delay(delay);
                }
            }
        }

        var sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAllAsync)));
        var random = new Random(20261130);
        var kills = 0;
        var downtime = TimeSpan.Zero;
        while (kills < Kills && !sending.IsCompleted)
        {
            // Spread the kills over the run: at 10,000 webhooks a few hundred get through between two kills.
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 1200))));
            if (sending.IsCompleted)
            {
                break;
            }

            await app.KillAsync();
            app.Dispose();
            kills++;
            var down = Stopwatch.StartNew();
            app = await StartAsync(dataDirectory, port);
            downtime += down.Elapsed;
        }

        await sending.WaitAsync(TimeSpan.FromMinutes(20));
        clock.Stop();
        await app.KillAsync();
        app.Dispose();

        var (stored, duplicates) = await CountAsync(dataDirectory);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook crash test: {Webhooks} webhooks from {Customers} customers, {Senders} senders, {kills} SIGKILLs and restarts (down {downtime.TotalSeconds:F0} s in all) in {clock.Elapsed.TotalSeconds:F0} s; {attempts} deliveries, {refused} not answered 200 and delivered again; {acknowledged.Count} acknowledged, {stored} stored, {duplicates} stored twice"));

        kills.ShouldBe(Kills);
        acknowledged.Count.ShouldBe(Webhooks);
        stored.ShouldBe(Webhooks);
        duplicates.ShouldBe(0);
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>A data directory with a finished setup and a connected WhatsApp number, for the app processes to share in turn.</summary>
    private static async Task<string> PrepareDataDirectoryAsync()
    {
        using var app = new AppServer { KeepsDataDirectory = true };
        await BenchmarkWebhooks.ConnectAsync(app);
        return app.DataDirectory;
    }

    private static Task<AppProcess> StartAsync(string dataDirectory, int port) => AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataDirectory"] = dataDirectory,
        ["Logging:LogLevel:Default"] = "Error",
    }, port, dataDirectory);

    private static async Task<(int Stored, int Duplicates)> CountAsync(string dataDirectory)
    {
        var options = new DbContextOptionsBuilder<SqliteBizInboxDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataDirectory, "bizinbox.db")}").Options;
        await using var db = new SqliteBizInboxDbContext(options);
        var keys = await db.Messages.Where(m => m.Kind == MessageKind.Incoming && m.ClientMessageId!.StartsWith("wamid.crash"))
            .Select(m => m.ClientMessageId!).ToListAsync();
        return (keys.Distinct().Count(), keys.Count - keys.Distinct().Count());
    }

    private static HttpRequestMessage Webhook(int i) => BenchmarkWebhooks.Text("crash", i, Customers);
}
