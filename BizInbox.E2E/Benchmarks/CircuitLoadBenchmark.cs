using System.Diagnostics;
using System.Globalization;
using BizInbox.E2E.Support.Circuits;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Many agents on one server: each agent has a real Blazor circuit on the inbox (every fourth with one of its
/// conversations open), driven by <see cref="HeadlessCircuit"/>, while signed WhatsApp webhooks arrive at a fixed rate
/// (open loop). Measures the time from each webhook's send to the first render batch that carries its text to a circuit
/// (the assigned agent's list, or the open conversation), the acknowledgements, dropped circuits and errors, the
/// process's CPU and memory, and the SQL statements one incoming message costs with every list open. Reports, asserts
/// only that the run happened. The app and the clients share this process (and the machine's cores).
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~CircuitLoadBenchmark" --logger "console;verbosity=detailed"</c>;
/// BIZINBOX_CIRCUIT_BENCH_CIRCUITS, _RATE, _SECONDS change the run, _CONVERSATIONS the seeded size (2,000), _DATA
/// reuses a seeded data directory.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed partial class CircuitLoadBenchmark(ITestOutputHelper output)
{
    private const int ConversationsPerAgent = 2;
    private const int CountedMessages = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public Task Circuits200_At500MessagesPerSecond() => RunAsync(Setting("CIRCUITS", 200), Setting("RATE", 500), Setting("SECONDS", 300));

    [Fact]
    public Task Circuits500_At100MessagesPerSecond() => RunAsync(Setting("CIRCUITS", 500), Setting("RATE", 100), Setting("SECONDS", 300));

    private async Task RunAsync(int circuitCount, int perSecond, int seconds)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var (app, owner) = await SeededAsync(graph);
        using var _ = app;
        // Meta gives up on a webhook that is not answered within seconds; 30 s is generous, and counted as unanswered.
        // Meta delivers over many connections at once; with too few, webhooks queue in this client and count as late.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Setting("CONNECTIONS", 512) }) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var setup = Stopwatch.StartNew();
        var (agents, cookies) = await AgentsAsync(app, owner, circuitCount);
        var customers = circuitCount * ConversationsPerAgent;
        var conversations = await AssignCustomersAsync(app, owner, http, agents, customers);
        Note($"{circuitCount} agents signed in, {customers} customers' conversations assigned in {setup.Elapsed.TotalSeconds:N0} s.");

        var count = perSecond * seconds;
        var sightings = new ScreenSightings(CountedMessages + count);
        var (heapBefore, rssBefore) = ProcessMemory.AfterFullCollection();
        var opening = Stopwatch.StartNew();
        var circuits = await OpenAsync(app, cookies, conversations, sightings);
        var opened = opening.Elapsed;
        var (heapAfter, rssAfter) = ProcessMemory.AfterFullCollection();
        Note($"{circuits.Count(c => c.Started)} circuits open in {opened.TotalSeconds:N0} s.");

        var (statements, idle) = await StatementsPerMessageAsync(app, http, sightings, customers);
        Note($"SQL statements per incoming message: {statements:F1} (idle: {idle:F1} a second).");

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var acks = new double[count];
        using var peak = new PeakWorkingSet();
        var sending = Stopwatch.StartNew();
        var failure = await SendAsync(http, sightings, CountedMessages, count, perSecond, customers, acks);
        var elapsed = sending.Elapsed;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / elapsed.TotalSeconds;
        // An acknowledgement's latency is written when its answer came, whatever the status: none means no answer.
        var unanswered = acks.Count(a => a == 0);
        acks = [.. acks.Where(a => a != 0).Order()];
        Note($"{count} webhooks sent, the last answered after {elapsed.TotalSeconds:N0} s; {unanswered} unanswered.");
        var missing = await sightings.UntilSeenAsync(CountedMessages, count, Patience);
        var latencies = sightings.Latencies(CountedMessages, count);

        var started = circuits.Count(c => c.Started);
        var errors = circuits.SelectMany(c => c.Errors).ToList();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{circuitCount} agent circuits ({circuitCount / 4} with a conversation open), {perSecond} WhatsApp messages/s for {seconds} s ({count} sent, the last answered after {elapsed.TotalSeconds:F0} s): " +
            $"webhook -> affected agent's screen p50 {At(latencies, 0.50):F0} ms, p95 {At(latencies, 0.95):F0} ms, p99 {At(latencies, 0.99):F0} ms, max {At(latencies, 1):F0} ms, {missing} never shown; " +
            $"ack p50 {At(acks, 0.50):F1} ms, p99 {At(acks, 0.99):F1} ms, {unanswered} unanswered within {http.Timeout.TotalSeconds:F0} s (first failure: {failure ?? "none"}); " +
            $"circuits started {started}/{circuitCount} in {opened.TotalSeconds:F0} s, dropped {circuits.Count(c => c.Dropped)}, errors {errors.Count}; " +
            $"render batches {circuits.Sum(c => c.Batches):N0}, JS calls answered {circuits.Sum(c => c.JsCalls.Values.Sum()):N0}; " +
            $"process CPU {cpu:F2} of {Environment.ProcessorCount} cores; per circuit (server and client together): managed heap {(heapAfter - heapBefore) / 1024.0 / circuitCount:F0} KB, RSS {(rssAfter - rssBefore) / 1024.0 / circuitCount:F0} KB; " +
            $"peak RSS {peak.Peak / 1048576.0:F0} MB; SQL statements per incoming message with {circuitCount} lists open: {statements:F1} (beside {idle:F1} a second when idle); load average {SeededData.LoadAverage()}");
        Note(report);
        foreach (var error in errors.Distinct().Take(10))
        {
            Note("  error: " + error);
        }

        Note("  JS calls answered: " + string.Join(", ", circuits.SelectMany(c => c.JsCalls).GroupBy(call => call.Key)
            .Select(calls => $"{calls.Key} {calls.Sum(call => call.Value)}")));

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "benchmarks.txt"), report + Environment.NewLine);
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        started.ShouldBe(circuitCount);
    }

    /// <summary>Circuit j belongs to agent j: its inbox, or (every fourth) its first customer's conversation.</summary>
    private async Task<IReadOnlyList<HeadlessCircuit>> OpenAsync(Support.AppServer app, System.Net.CookieContainer[] cookies, long[] conversations, ScreenSightings sightings)
    {
        var circuits = cookies.Select(c => new HeadlessCircuit(new Uri(app.BaseUrl), c, sightings.Observe)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, circuits.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (j, ct) =>
        {
            try
            {
                await circuits[j].StartAsync(j % 4 == 3 ? $"inbox/{conversations[j]}" : "inbox", Patience, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                output.WriteLine($"circuit {j} did not start: {e.Message}");
            }
        });
        return circuits;
    }

    /// <summary>
    /// The SQL statements of <see cref="CountedMessages"/> messages at 5 a second with every circuit open, from storing
    /// each to the last list and conversation that shows it, counted until the database is quiet again (at most 30 s
    /// after the last was shown). What the open circuits run without any message (each circuit's session check, every
    /// 30 s) is counted over one such interval before and taken off; returns statements per message and that idle rate per second.
    /// </summary>
    private async Task<(double PerMessage, double IdlePerSecond)> StatementsPerMessageAsync(Support.AppServer app, HttpClient http, ScreenSightings sightings, int customers)
    {
        string connectionString;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        using var recorder = new SqlCommandRecorder(connectionString);
        var idleWindow = TimeSpan.FromSeconds(30);
        recorder.Start();
        await Task.Delay(idleWindow);
        var idle = recorder.Stop().Count / idleWindow.TotalSeconds;

        var window = Stopwatch.StartNew();
        recorder.Start();
        var failure = await SendAsync(http, sightings, 0, CountedMessages, 5, customers, new double[CountedMessages]);
        var unseen = await sightings.UntilSeenAsync(0, CountedMessages, Patience);
        var settling = Stopwatch.StartNew();
        var (statements, quiet) = (recorder.Commands.Count, 0);
        while (quiet < 10 && settling.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            var now = recorder.Commands.Count;
            (quiet, statements) = (now == statements ? quiet + 1 : 0, now);
        }

        var commands = recorder.Stop();
        var total = commands.Count;
        foreach (var shape in commands.GroupBy(Shape).OrderByDescending(g => g.Count()).Take(12))
        {
            Note($"  {shape.Count() / (double)CountedMessages,5:F2} per message: {shape.Key}");
        }

        if (unseen > 0 || failure is not null)
        {
            Note($"{unseen} of the {CountedMessages} counted messages were never shown; first webhook failure: {failure ?? "none"}.");
        }

        return ((total - idle * window.Elapsed.TotalSeconds) / CountedMessages, idle);
    }

    /// <summary>A statement's first words and tables, for the breakdown of what a message costs.</summary>
    private static string Shape(string sql)
    {
        var text = string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var tables = string.Join(", ", TableName().Matches(text).Select(m => m.Groups[1].Value).Distinct().Take(5));
        return $"{text[..Math.Min(24, text.Length)]}… [{tables}]";
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?:FROM|JOIN|INTO|UPDATE) \"(\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex TableName();

    /// <summary>
    /// Sends messages <paramref name="first"/>.. of <see cref="ScreenSightings"/> in an open loop; returns the first
    /// failure (a webhook refused or not answered within the client's timeout), after every one was sent.
    /// </summary>
    private static async Task<string?> SendAsync(HttpClient http, ScreenSightings sightings, int first, int count, int perSecond, int customers, double[] acks)
    {
        try
        {
            await BenchmarkWebhooks.OpenLoopAsync(http, i =>
            {
                sightings.Sent(first + i);
                return BenchmarkWebhooks.Text("m", first + i, customers, ScreenSightings.Text(first + i));
            }, count, perSecond, acks);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
