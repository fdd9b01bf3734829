using System.Diagnostics;
using System.Security.Claims;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Data.Seeding;
using BizInbox.Web.Features.Reports;
using BizInbox.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Report latency on SQLite over the demo seeder's data (100,000 conversations, about 1.1 million timeline entries by
/// default; <c>BIZINBOX_REPORT_BENCH_CONVERSATIONS</c> changes it), and the one-time backfill over the same data.
/// Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~ReportBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ReportBenchmark(ITestOutputHelper output)
{
    private const int Runs = 15;

    [Fact]
    public async Task Reports_OverAMillionMessages_AnswerQuickly()
    {
        var conversations = int.TryParse(Environment.GetEnvironmentVariable("BIZINBOX_REPORT_BENCH_CONVERSATIONS"), out var n) ? n : 100_000;
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var asOwner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "bench"));
        await app.Services.GetRequiredService<BusinessHoursService>().SaveAsync(asOwner, new BusinessHoursSettings(
            true, "Europe/Berlin", null,
            [.. Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => new IntervalRow(d, new(9, 0), new(17, 0)))],
            []));
        var seeding = Stopwatch.StartNew();
        await ActivatorUtilities.CreateInstance<DemoDataSeeder>(app.Services).SeedAsync(new SeedOptions(conversations, 10));
        var contexts = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        int live;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            live = await db.ReportFacts.CountAsync();
            output.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:N0} s: {await db.Conversations.CountAsync():N0} conversations, " +
                             $"{await db.Messages.CountAsync():N0} timeline entries, {live:N0} facts recorded live.");
            await db.ReportFacts.ExecuteDeleteAsync();
            await db.ReportSettings.ExecuteDeleteAsync();
        }

        var backfill = Stopwatch.StartNew();
        var rebuilt = await app.Services.GetRequiredService<ReportBackfill>().RunAsync();
        output.WriteLine($"Backfill rebuilt {rebuilt:N0} facts ({(rebuilt == live ? "same count as live" : $"live had {live:N0}")}) in {backfill.Elapsed.TotalSeconds:N1} s.");

        var reports = app.Services.GetRequiredService<ReportService>();
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
