using System.Diagnostics;
using System.Security.Claims;
using BizInbox.Domain.Conversations;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Data.Seeding;
using BizInbox.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Search latency on SQLite over the demo seeder's data (100,000 conversations, about 1.1 million timeline entries by
/// default; <c>BIZINBOX_SEARCH_BENCH_CONVERSATIONS</c> changes it). Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~SearchBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class SearchBenchmark(ITestOutputHelper output)
{
    private const int Runs = 40;

    [Fact]
    public async Task Search_OverAMillionMessages_AnswersQuickly()
    {
        var conversations = int.TryParse(Environment.GetEnvironmentVariable("BIZINBOX_SEARCH_BENCH_CONVERSATIONS"), out var n) ? n : 100_000;
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var seeding = Stopwatch.StartNew();
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(app.Services);
        await seeder.SeedAsync(new SeedOptions(conversations, 10));
        var contexts = app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        string[] names, phones;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            output.WriteLine($"Seeded and indexed in {seeding.Elapsed.TotalSeconds:N0} s: {await db.Messages.CountAsync():N0} timeline entries, " +
                             $"{await db.SearchDocuments.CountAsync():N0} search documents.");
            names = await db.Contacts.OrderBy(c => c.Id).Select(c => c.Name).Take(Runs).ToArrayAsync();
            phones = await db.Contacts.Where(c => c.Phone != null).OrderBy(c => c.Id).Select(c => c.Phone!).Take(Runs).ToArrayAsync();
        }

        var search = app.Services.GetRequiredService<SearchService>();
        var asOwner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "bench"));
        var all = new List<double>();
        async Task Case(string name, Func<int, SearchRequest> request)
        {
            await search.SearchAsync(asOwner, request(0));
            var times = new double[Runs];
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(asOwner, request(i));
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            all.AddRange(times);
            Array.Sort(times);
            output.WriteLine($"{name,-48} p50 {times[Runs / 2],7:F1} ms  p95 {times[(int)(Runs * 0.95)],7:F1} ms  max {times[^1],7:F1} ms");
        }

        string[] words = ["Paket", "Farbe", "Lieferadresse", "geoeffnet", "Abholung", "zurueckrufen", "Bestellung", "Lager"];
        await Case("a word of many messages (20 newest)", i => new SearchRequest(words[i % words.Length]));
        await Case("two words", i => new SearchRequest($"{words[i % words.Length]} {words[(i + 3) % words.Length]}"));
        await Case("a prefix (3 letters)", i => new SearchRequest(words[i % words.Length][..3]));
        await Case("a contact's full name", i => new SearchRequest(names[i % names.Length]));
        await Case("a phone number as typed nationally", i => new SearchRequest("0" + phones[i % phones.Length][3..]));
        await Case("a word, resolved only, last 30 days", i => new SearchRequest(
            words[i % words.Length], Status: ConversationStatus.Resolved, From: DateTimeOffset.UtcNow.AddDays(-30)));
        await Case("a word nobody wrote", i => new SearchRequest($"Zwiebelkuchen{i}"));
        all.Sort();
        output.WriteLine($"{"all cases",-48} p50 {all[all.Count / 2],7:F1} ms  p95 {all[(int)(all.Count * 0.95)],7:F1} ms  max {all[^1],7:F1} ms");
    }
}
