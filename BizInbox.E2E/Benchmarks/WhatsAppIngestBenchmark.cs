using System.Diagnostics;
using System.Globalization;
using BizInbox.E2E.Support;
using Npgsql;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Signed WhatsApp webhooks against the real app on Kestrel and SQLite (or PostgreSQL: <c>BIZINBOX_INGEST_BENCH_POSTGRES</c>):
/// sustained messages per second and the acknowledgement latency. Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~WhatsAppIngestBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WhatsAppIngestBenchmark(ITestOutputHelper output) : IClassFixture<WhatsAppIngestBenchmark.WarmProcess>
{
    /// <summary>
    /// Before any figure: one app in this process receives webhooks for a while, so that every scenario measures a
    /// server that has been running (code compiled to its final tier, thread pool sized), whichever runs first.
    /// </summary>
    public sealed class WarmProcess : IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            using var app = await StartAsync();
            using var http = Client(app);
            await SendAsync(http, 0, WarmUp, 32, new double[WarmUp]);
            await OpenLoopAsync(http, WarmUp, WarmUp, 1000, new double[WarmUp]);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private const int WarmUp = 3000;
    private const int Messages = 10000;
    private const int Customers = 300;

    /// <summary>
    /// Open loop, as Meta sends: webhooks leave at a fixed rate whether or not earlier ones were answered, and each
    /// acknowledgement is timed from when its webhook was due (so a stall delays every later one and shows).
    /// </summary>
    [Theory]
    [InlineData(1000)]
    [InlineData(1500)]
    public async Task Webhooks_AtAFixedRate_AreAcknowledgedQuickly_AndStoredOnce(int perSecond)
    {
        using var app = await StartAsync();
        using var http = Client(app);
        // The warm-up runs the same way as the measurement, so that connections, threads and compiled code are in
        // the state a server that has been receiving webhooks for a while is in.
        await OpenLoopAsync(http, 0, WarmUp, perSecond, new double[WarmUp]);

        var latencies = new double[Messages];
        var elapsed = await OpenLoopAsync(http, WarmUp, Messages, perSecond, latencies);
        await ReportAsync(app, $"open loop at {perSecond}/s", elapsed, latencies);
    }

    private static async Task<TimeSpan> OpenLoopAsync(HttpClient http, int first, int count, int perSecond, double[] latencies) =>
        (await BenchmarkWebhooks.OpenLoopAsync(http, i => Webhook(first + i), count, perSecond, latencies)).Elapsed;

    /// <summary>Closed loop: a fixed number of senders, each waiting for its answer before the next webhook.</summary>
    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public async Task Webhooks_AreAcknowledgedQuickly_AndStoredOnce(int concurrency)
    {
        using var app = await StartAsync();
        using var http = Client(app);

        // Sustained rate: the first requests pay for start-up (JIT, connections, EF's first queries), so they are sent
        // first and not measured. Every message is checked afterwards, warm-up included.
        await SendAsync(http, 0, WarmUp, concurrency, new double[WarmUp]);
        var latencies = new double[Messages];
        var clock = Stopwatch.StartNew();
        await SendAsync(http, WarmUp, Messages, concurrency, latencies);
        clock.Stop();
        await ReportAsync(app, $"{concurrency} at a time", clock.Elapsed, latencies);
    }

    private async Task ReportAsync(AppServer app, string mode, TimeSpan elapsed, double[] latencies)
    {
        var stored = (await app.MessagesOfContactAsync("Kunde 0")).Count;
        Array.Sort(latencies);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"WhatsApp ingest, {Messages} webhooks (after {WarmUp} to warm up) from {Customers} customers, {mode}: {Messages / elapsed.TotalSeconds:F0} messages/s, ack p50 {latencies[Messages / 2]:F1} ms, p95 {latencies[(int)(Messages * 0.95)]:F1} ms, p99 {latencies[(int)(Messages * 0.99)]:F1} ms, max {latencies[^1]:F1} ms; customer 0 has {stored} of {(WarmUp + Messages + Customers - 1) / Customers} messages");
        output.WriteLine(report);
        stored.ShouldBe((WarmUp + Messages + Customers - 1) / Customers);
    }

    /// <summary>
    /// At most 64 connections, as a sender with a connection pool keeps them (Meta does not open one per webhook);
    /// a webhook that waits for a free connection still counts that wait in its latency.
    /// </summary>
    private static HttpClient Client(AppServer app) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(app.BaseUrl) };

    private static async Task<AppServer> StartAsync()
    {
        var app = new AppServer(settings: await DatabaseSettingsAsync());
        await BenchmarkWebhooks.ConnectAsync(app);
        return app;
    }

    /// <summary>
    /// SQLite by default. With <c>BIZINBOX_INGEST_BENCH_POSTGRES</c> set to a connection string allowed to create databases,
    /// each app gets a new database on that server (left there to look at afterwards).
    /// </summary>
    private static async Task<Dictionary<string, string>?> DatabaseSettingsAsync()
    {
        if (Environment.GetEnvironmentVariable("BIZINBOX_INGEST_BENCH_POSTGRES") is not { Length: > 0 } server)
        {
            return null;
        }

        var name = "bizinbox_ingest_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        };
    }

    private static HttpRequestMessage Webhook(int i) => BenchmarkWebhooks.Text("bench", i, Customers);

    private static async Task SendAsync(HttpClient http, int first, int count, int concurrency, double[] latencies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                using var request = Webhook(first + n);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            }
        }));
    }
}
