using BizInbox.Web.Identity;
using System.Diagnostics;
using System.Globalization;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Seeding;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Report latency on SQLite over the demo seeder's data (100,000 conversations, about 1.1 million timeline entries by
/// default; <c>BIZINBOX_REPORT_BENCH_CONVERSATIONS</c> changes it), the one-time backfill over the same data, and the
/// reports again while WhatsApp webhooks arrive at 500 a second. Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~ReportBenchmark" --logger "console;verbosity=detailed"</c>.
/// Seeding takes minutes: <c>BIZINBOX_REPORT_BENCH_DATA</c> names a data directory seeded before (the first test keeps
/// its own when <c>BIZINBOX_REPORT_BENCH_KEEP=1</c> and prints where), which the second test then copies and uses.
/// On PostgreSQL, <c>BIZINBOX_REPORT_BENCH_POSTGRES</c> is the connection string of a seeded database (the search
/// benchmark keeps one; give each run a copy, <c>CREATE DATABASE … TEMPLATE …</c>, since webhooks add to it).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ReportBenchmark(ITestOutputHelper output)
{
    private const int Runs = 15;
    private const int WebhooksPerSecond = 500;

    [Fact]
    public async Task Reports_OverAMillionMessages_AnswerQuickly()
    {
        var (app, owner) = await SeededAsync();
        using var _ = app;
        app.KeepsDataDirectory = Environment.GetEnvironmentVariable("BIZINBOX_REPORT_BENCH_KEEP") == "1";
        if (app.KeepsDataDirectory)
        {
            output.WriteLine($"Data kept in {app.DataDirectory}");
        }

        var contexts = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        int live;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            live = await db.ReportFacts.CountAsync();
            await db.ReportFacts.ExecuteDeleteAsync();
            await db.ReportSettings.ExecuteDeleteAsync();
        }

        var backfill = Stopwatch.StartNew();
        var rebuilt = await app.Services.GetRequiredService<ReportBackfill>().RunAsync();
        output.WriteLine($"Backfill rebuilt {rebuilt:N0} facts ({(rebuilt == live ? "same count as live" : $"live had {live:N0}")}) in {backfill.Elapsed.TotalSeconds:N1} s.");
        await MeasureAsync(app, owner);
    }

    [Fact]
    public async Task Reports_WhileWebhooksArrive_AnswerQuickly_AndWebhooksStayFast()
    {
        var (app, owner) = await SeededAsync();
        using var _ = app;
        await BenchmarkWebhooks.ConnectAsync(app, owner);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(app.BaseUrl) };
        await BenchmarkWebhooks.OpenLoopAsync(http, i => BenchmarkWebhooks.Text("warm", i, 300), 3000, WebhooksPerSecond, new double[3000]);
        var alone = new double[WebhooksPerSecond * 20];
        var (aloneElapsed, aloneSent) = await BenchmarkWebhooks.OpenLoopAsync(http, i => BenchmarkWebhooks.Text("alone", i, 300), alone.Length, WebhooksPerSecond, alone);
        Report("Webhooks alone", alone[..aloneSent], aloneElapsed);

        await WhileWebhooksAsync(http, "load", "Meanwhile", () => MeasureAsync(app, owner));

        // The same, with every time read from the facts as before the day summaries: a comparison on the same machine.
        output.WriteLine("Reading the facts instead of the day summaries:");
        await WhileWebhooksAsync(http, "facts", "Meanwhile (facts)", () => MeasureAsync(app, owner, fromFacts: true));
    }

    private async Task WhileWebhooksAsync(HttpClient http, string prefix, string what, Func<Task> measure)
    {
        using var stop = new CancellationTokenSource();
        var latencies = new double[WebhooksPerSecond * 1800];
        var sending = BenchmarkWebhooks.OpenLoopAsync(http, i => BenchmarkWebhooks.Text(prefix, i, 300), latencies.Length, WebhooksPerSecond, latencies, stop.Token);
        await measure();
        await stop.CancelAsync();
        var (elapsed, sent) = await sending;

        Report(what, latencies[..sent], elapsed);
    }

    private void Report(string what, double[] acks, TimeSpan elapsed)
    {
        // When the worst ack was due (seconds into the loop) tells a start-up stall from one under load.
        var worstDue = (double)Array.IndexOf(acks, acks.Max()) / WebhooksPerSecond;
        Array.Sort(acks);
        var sent = acks.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {sent:N0} webhooks at {sent / elapsed.TotalSeconds:F0}/s: ack p50 {acks[sent / 2]:F1} ms, p95 {acks[(int)(sent * 0.95)]:F1} ms, p99 {acks[(int)(sent * 0.99)]:F1} ms, max {acks[^1]:F1} ms (due {worstDue:F1} s in; load {SeededData.LoadAverage()})"));
    }

    /// <summary>An app over the seeded data (a copy of <c>BIZINBOX_REPORT_BENCH_DATA</c>, or seeded now) and its owner.</summary>
    private async Task<(AppServer App, CurrentMember Owner)> SeededAsync()
    {
        if (Environment.GetEnvironmentVariable("BIZINBOX_REPORT_BENCH_POSTGRES") is { Length: > 0 } database)
        {
            // Start-up backfills the facts of a database seeded without them (the search benchmark's), before it serves.
            var starting = Stopwatch.StartNew();
            var onPostgres = new AppServer(settings: new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = database,
            });
            output.WriteLine($"PostgreSQL database (BIZINBOX_REPORT_BENCH_POSTGRES), started in {starting.Elapsed.TotalSeconds:N1} s (load {SeededData.LoadAverage()}).");
            return await ExistingAsync(onPostgres);
        }

        if (Environment.GetEnvironmentVariable("BIZINBOX_REPORT_BENCH_DATA") is { Length: > 0 } seeded)
        {
            var copy = SeededData.Copy(seeded, "bizinbox-report-bench-");
            output.WriteLine($"Copied the data seeded in {seeded}.");
            return await ExistingAsync(new AppServer(settings: new Dictionary<string, string> { ["Database:DataDirectory"] = copy }));
        }

        var conversations = int.TryParse(Environment.GetEnvironmentVariable("BIZINBOX_REPORT_BENCH_CONVERSATIONS"), out var n) ? n : 100_000;
        var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var asOwner = app.MemberFor(owner.Id);
        await app.Services.GetRequiredService<BusinessHoursService>().SaveAsync(asOwner, new BusinessHoursSettings(
            true, "Europe/Berlin", null,
            [.. Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => new IntervalRow(d, new(9, 0), new(17, 0)))],
            []));
        var seeding = Stopwatch.StartNew();
        await ActivatorUtilities.CreateInstance<DemoDataSeeder>(app.Services).SeedAsync(new SeedOptions(conversations, 10));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync())
        {
            output.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:N0} s: {await db.Conversations.CountAsync():N0} conversations, " +
                             $"{await db.Messages.CountAsync():N0} timeline entries, {await db.ReportFacts.CountAsync():N0} facts recorded live.");
        }

        return (app, asOwner);
    }

    /// <summary>The owner of an app over data seeded before, after checking the day summaries against the facts.</summary>
    private async Task<(AppServer App, CurrentMember Owner)> ExistingAsync(AppServer existing)
    {
        var contexts = existing.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        // Set-up creates the owner before anyone else.
        var ownerId = await db.Users.OrderBy(u => u.CreatedAt).Select(u => u.Id).FirstAsync();
        var facts = await db.ReportFacts.CountAsync();
        output.WriteLine($"{await db.Conversations.CountAsync():N0} conversations, {await db.Messages.CountAsync():N0} timeline entries, {facts:N0} facts.");
        if (facts == 0)
        {
            // Seeded without facts (the search benchmark's set, whose first start had nothing to backfill): backfill now.
            await db.ReportSettings.ExecuteDeleteAsync();
            var backfill = Stopwatch.StartNew();
            var rebuilt = await existing.Services.GetRequiredService<ReportBackfill>().RunAsync();
            output.WriteLine($"Backfilled {rebuilt:N0} facts in {backfill.Elapsed.TotalSeconds:N1} s (load {SeededData.LoadAverage()}).");
        }

        // Start-up rebuilt the day summaries of durations if the data had none; checking them again repairs nothing.
        var check = Stopwatch.StartNew();
        var repaired = await existing.Services.GetRequiredService<ReportDurationReconciliation>().RepairAsync();
        output.WriteLine($"Day summaries of durations: {await db.ReportDurationDays.CountAsync():N0} rows; checked against the facts in {check.Elapsed.TotalSeconds:N1} s ({repaired} repaired).");
        return (existing, existing.MemberFor(ownerId));
    }

    private async Task MeasureAsync(AppServer app, CurrentMember asOwner, bool fromFacts = false)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        var reports = fromFacts
            ? new ReportService(contexts, app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<ReportReads>()) { UseFacts = true }
            : app.Services.GetRequiredService<ReportService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = new ReportFilter(today.AddDays(-29), today);
        var year = new ReportFilter(today.AddMonths(-12).AddDays(1), today, Grouping: ReportGrouping.Month);
        int? label;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            label = await db.Labels.Select(l => (int?)l.Id).FirstOrDefaultAsync();
        }

        async Task Case<T>(string name, Func<Task<T>> run)
        {
            await run();
            var times = new double[Runs];
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            output.WriteLine($"{name,-52} p50 {times[Runs / 2],7:F1} ms  p95 {times[(int)(Runs * 0.95)],7:F1} ms  max {times[^1],7:F1} ms");
        }

        await Case("30 days, calendar time, by day", () => reports.RunAsync(asOwner, month));
        await Case("30 days, business time, one label", () => reports.RunAsync(asOwner, month with { Clock = ReportClock.Business, LabelId = label }));
        await Case("12 months, calendar time, by month", () => reports.RunAsync(asOwner, year));
        await Case("12 months, business time, by week", () => reports.RunAsync(asOwner, year with { Clock = ReportClock.Business, Grouping = ReportGrouping.Week }));
        await Case("12 months, first responses drill-down, page 1", () => reports.DrillDownAsync(asOwner, year, new DrillDown(Domain.Reporting.FactKind.FirstResponse), 0, 25));
    }
}
