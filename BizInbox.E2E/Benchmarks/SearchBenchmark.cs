using BizInbox.Web.Identity;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BizInbox.Domain.Conversations;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Seeding;
using BizInbox.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Search latency over the demo seeder's data (100,000 conversations, about 1.1 million timeline entries by default;
/// <c>BIZINBOX_SEARCH_BENCH_CONVERSATIONS</c> changes it), on SQLite and on a throw-away PostgreSQL server, p50/p95 per
/// kind of query. Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~SearchBenchmark" --logger "console;verbosity=detailed"</c>.
/// Seeding SQLite again can be skipped: <c>BIZINBOX_SEARCH_BENCH_KEEP=1</c> keeps the seeded data directory and prints
/// where, <c>BIZINBOX_SEARCH_BENCH_DATA</c> names such a directory (the report benchmark's does too), which is copied.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class SqliteSearchBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Search_OverAMillionMessages_OnSqlite()
    {
        if (Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_DATA") is { Length: > 0 } seeded)
        {
            using var existing = new AppServer(settings: new Dictionary<string, string> { ["Database:DataDirectory"] = SeededData.Copy(seeded, "bizinbox-search-bench-") });
            output.WriteLine($"Copied the data seeded in {seeded}.");
            await new SearchBenchmarkCases(existing, output).RunAsync(await OwnerAsync(existing));
            return;
        }

        using var app = new AppServer();
        app.KeepsDataDirectory = Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_KEEP") == "1";
        var owner = await SearchBenchmarkCases.SeedAsync(app, output);
        if (app.KeepsDataDirectory)
        {
            output.WriteLine($"Data kept in {app.DataDirectory} (BIZINBOX_SEARCH_BENCH_DATA={app.DataDirectory} reuses it).");
        }

        await new SearchBenchmarkCases(app, output).RunAsync(owner);
    }

    internal static async Task<string> OwnerAsync(AppServer app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        // Set-up creates the owner before anyone else.
        return await db.Users.OrderBy(u => u.CreatedAt).Select(u => u.Id).FirstAsync();
    }
}

/// <summary>
/// The same as <see cref="SqliteSearchBenchmark"/> on a throw-away PostgreSQL server, seeded each run. On a server of one's
/// own (<c>BIZINBOX_TEST_POSTGRES</c>), <c>BIZINBOX_SEARCH_BENCH_KEEP=1</c> keeps the seeded database and prints its
/// connection string, and <c>BIZINBOX_SEARCH_BENCH_POSTGRES</c> set to it measures it again without seeding.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(PostgresTests.Name)]
public sealed class PostgresSearchBenchmark(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Search_OverAMillionMessages_OnPostgres()
    {
        if (Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_POSTGRES") is { Length: > 0 } seeded)
        {
            using var existing = OnPostgres(seeded);
            output.WriteLine("Using the database seeded before (BIZINBOX_SEARCH_BENCH_POSTGRES).");
            await new SearchBenchmarkCases(existing, output).RunAsync(await SqliteSearchBenchmark.OwnerAsync(existing));
            return;
        }

        var database = await postgres.CreateDatabaseAsync();
        var keep = Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_KEEP") == "1" && postgres.IsExternal;
        try
        {
            using var app = OnPostgres(database);
            var owner = await SearchBenchmarkCases.SeedAsync(app, output);
            if (keep)
            {
                output.WriteLine($"Database kept: BIZINBOX_SEARCH_BENCH_POSTGRES=\"{database}\" reuses it.");
            }

            await new SearchBenchmarkCases(app, output).RunAsync(owner);
        }
        finally
        {
            if (!keep)
            {
                await postgres.DropDatabaseAsync(database);
            }
        }
    }

    private static AppServer OnPostgres(string connectionString) => new(settings: new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
    });
}

/// <summary>The kinds of query measured, each <see cref="Runs"/> times with different values after one warm-up.</summary>
internal sealed partial class SearchBenchmarkCases(AppServer app, ITestOutputHelper output)
{
    private const int Runs = 40;

    private static readonly string[] CommonWords = ["Paket", "Farbe", "Lieferadresse", "geöffnet", "Abholung", "zurückrufen", "Bestellung", "Lager"];

    private static readonly string[] Phrases =
        ["Lieferadresse noch ändern", "Paket kam beschädigt", "anderen Farbe", "heute bis 18:00 Uhr", "Rücksendung ist kostenlos", "im Laden möglich"];

    /// <summary>Completes set-up and seeds the demo data; returns the owner's id.</summary>
    public static async Task<string> SeedAsync(AppServer app, ITestOutputHelper output)
    {
        var conversations = int.TryParse(Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_CONVERSATIONS"), out var n) ? n : 100_000;
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var seeding = Stopwatch.StartNew();
        var report = await ActivatorUtilities.CreateInstance<DemoDataSeeder>(app.Services).SeedAsync(new SeedOptions(conversations, 10));
        output.WriteLine($"Seeded and indexed {report.Conversations:N0} conversations, {report.Messages:N0} timeline entries in {seeding.Elapsed.TotalSeconds:N0} s (load {SeededData.LoadAverage()}).");
        return owner.Id;
    }

    public async Task RunAsync(string ownerId)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        Sample sample;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            output.WriteLine($"{db.Database.ProviderName}: {await db.Messages.CountAsync():N0} timeline entries, {await db.SearchDocuments.CountAsync():N0} search documents.");
            sample = await Sample.ReadAsync(db);
        }

        var search = app.Services.GetRequiredService<SearchService>();
        var asOwner = app.MemberFor(ownerId);
        var all = new List<double>();
        async Task Case(string name, Func<int, SearchRequest> request)
        {
            await search.SearchAsync(asOwner, request(Runs));
            var times = new double[Runs];
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(asOwner, request(i));
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            all.AddRange(times);
            output.WriteLine(Line(name, times) + $"  load {SeededData.LoadAverage()}");
        }

        string Word(int i) => CommonWords[i % CommonWords.Length];
        var month = DateTimeOffset.UtcNow.AddDays(-30);
        await Case("contact: full name", i => new SearchRequest(sample.Names[i % sample.Names.Length]));
        await Case("contact: last name (many contacts)", i => new SearchRequest(sample.Names[i % sample.Names.Length].Split(' ')[^1]));
        await Case("contact: email", i => new SearchRequest(sample.Emails[i % sample.Emails.Length]));
        await Case("phone: +49 171 2345678", i => new SearchRequest(Spaced(sample.Phones[i % sample.Phones.Length])));
        await Case("phone: 0171/2345678", i => new SearchRequest("0" + sample.Phones[i % sample.Phones.Length][3..6] + "/" + sample.Phones[i % sample.Phones.Length][6..]));
        await Case("phone: 0049 (0)171 234-5678", i => new SearchRequest("0049 (0)" + sample.Phones[i % sample.Phones.Length][3..6] + " " + sample.Phones[i % sample.Phones.Length][6..]));
        await Case("phone: first digits 01712", i => new SearchRequest("0" + sample.Phones[i % sample.Phones.Length][3..7]));
        await Case("message: common word", i => new SearchRequest(Word(i)));
        await Case("message: rare word (an order number)", i => new SearchRequest(sample.OrderNumbers[i % sample.OrderNumbers.Length]));
        await Case("message: phrase (all its words)", i => new SearchRequest(Phrases[i % Phrases.Length]));
        await Case("message: prefix (3 letters)", i => new SearchRequest(Word(i)[..3]));
        await Case("message: a word nobody wrote", i => new SearchRequest($"Zwiebelkuchen{i}"));
        await Case("filter: common word, one inbox", i => new SearchRequest(Word(i), InboxId: sample.Inboxes[i % sample.Inboxes.Length]));
        await Case("filter: common word, one label", i => new SearchRequest(Word(i), LabelId: sample.Labels[i % sample.Labels.Length]));
        await Case("filter: common word, status open", i => new SearchRequest(Word(i), Status: ConversationStatus.Open));
        await Case("filter: common word, last 30 days", i => new SearchRequest(Word(i), From: month));
        await Case("filter: common word, one agent", i => new SearchRequest(Word(i), AssigneeId: ownerId));
        await Case("filter: rare word, resolved, label, 30 days", i => new SearchRequest(
            sample.OrderNumbers[i % sample.OrderNumbers.Length], Status: ConversationStatus.Resolved, LabelId: sample.Labels[i % sample.Labels.Length], From: month));
        await Case("filter: common word, all five", i => new SearchRequest(
            Word(i), sample.Inboxes[i % sample.Inboxes.Length], ConversationStatus.Resolved, sample.Labels[i % sample.Labels.Length], ownerId, month));
        output.WriteLine(Line("all cases", [.. all]));
    }

    private static string Line(string name, double[] times)
    {
        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} p50 {times[times.Length / 2],7:F1} ms  p95 {times[(int)(times.Length * 0.95)],7:F1} ms  max {times[^1],7:F1} ms");
    }

    /// <summary>"+491712345678" as "+49 171 2345678".</summary>
    private static string Spaced(string e164) => $"{e164[..3]} {e164[3..6]} {e164[6..]}";

    [GeneratedRegex("#([0-9]{5})")]
    private static partial Regex OrderNumber();

    /// <summary>Values from the seeded data, so that every run searches for something that exists.</summary>
    private sealed record Sample(string[] Names, string[] Emails, string[] Phones, string[] OrderNumbers, int[] Inboxes, int[] Labels)
    {
        public static async Task<Sample> ReadAsync(BizInboxDbContext db)
        {
            var step = Math.Max(1, await db.Contacts.CountAsync() / (Runs + 1));
            var contacts = await db.Contacts.OrderBy(c => c.CreatedAt).Select(c => new { c.Name, c.Email, c.Phone }).ToListAsync();
            var spread = contacts.Where((_, i) => i % step == 0).ToList();
            var texts = await db.Messages.Where(m => m.Kind == MessageKind.Incoming && EF.Functions.Like(m.Text, "%#%")).OrderByDescending(m => m.Id).Select(m => m.Text).Take(20 * Runs).ToListAsync();
            return new Sample(
                [.. spread.Select(c => c.Name)],
                [.. contacts.Where(c => c.Email != null).Where((_, i) => i % step == 0).Select(c => c.Email!)],
                [.. contacts.Where(c => c.Phone != null && c.Phone.StartsWith("+49", StringComparison.Ordinal)).Where((_, i) => i % step == 0).Select(c => c.Phone!)],
                [.. texts.Select(t => OrderNumber().Match(t)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Take(Runs)],
                await db.Inboxes.Select(i => i.Id).ToArrayAsync(),
                await db.Labels.Select(l => l.Id).ToArrayAsync());
        }
    }
}
