using BizInbox.Domain.Reporting;
using BizInbox.Tests.Features.Inbox;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using BizInbox.Web.Seeding;
using BizInbox.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Data;

/// <summary>The demo seeder loads with the full-text indexes set aside (<see cref="BulkLoad"/>) and leaves everything as the app keeps it.</summary>
public abstract class DemoDataSeederTests(DatabaseProvider provider, PostgresServer? postgres, int conversations) : InboxServiceTests(provider, postgres)
{
    [Fact]
    public async Task Seeding_BuildsTheSearchIndexesAfterTheLoad_AndTheyStayLive()
    {
        var owner = await SetupOwnerAsync();
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(Database.Services);

        var report = await seeder.SeedAsync(new SeedOptions(conversations, 10));

        report.Conversations.ShouldBe(conversations);
        var search = Database.Get<SearchService>();
        (await search.SearchAsync(As(owner), new SearchRequest("Bestellung"))).Messages.Count.ShouldBe(SearchRequest.DefaultLimit);
        string seededName;
        await using (var db = Database.CreateDbContext())
        {
            seededName = await db.Contacts.OrderBy(c => c.CreatedAt).Select(c => c.Name).FirstAsync();
            // Every counted fact is in the quarter-hour rollup, however many groups one batch's save had.
            (await db.ReportCounts.SumAsync(c => c.Count)).ShouldBe(await db.ReportFacts.CountAsync(f => ReportCount.Kinds.Contains(f.Kind)));
        }

        (await search.SearchAsync(As(owner), new SearchRequest(seededName))).Contacts.ShouldContain(c => c.Name == seededName);
        await NewConversationAsync("Zacharias Nachzügler", "Frisch nach dem Laden geschrieben");
        (await search.SearchAsync(As(owner), new SearchRequest("nachzuegler"))).Contacts.ShouldHaveSingleItem();
        (await search.SearchAsync(As(owner), new SearchRequest("frisch laden"))).Messages.ShouldHaveSingleItem();
    }
}

/// <summary>A thousand conversations make one batch: its save once had more rollup groups than SQLite allows parameters in a statement.</summary>
public sealed class SqliteDemoDataSeederTests() : DemoDataSeederTests(DatabaseProvider.Sqlite, null, 1000);

[Collection(PostgresTests.Name)]
public sealed class PostgresDemoDataSeederTests(PostgresServer postgres) : DemoDataSeederTests(DatabaseProvider.Postgres, postgres, 100);
