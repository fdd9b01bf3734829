using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BizInbox.Tests.Data;

/// <summary>The ContactPhonesE164 migration turns phones stored as typed into E.164 where SQL can be certain.</summary>
public abstract class ContactPhoneMigrationTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTest(provider, postgres)
{
    [Fact]
    public async Task ContactPhonesE164_ConvertsInternationalNumbers_AndLeavesNationalOnesAsTyped()
    {
        (string Name, string? Phone, string ExpectedName, string? ExpectedPhone)[] rows =
        [
            ("Ann", "+49 171 2345678", "Ann", "+491712345678"),
            ("Ben", "+49 (0)30 123456", "Ben", "+4930123456"),
            ("Cem", "0049-30-12 34 56", "Cem", "+4930123456"),
            ("Dan", "+49 0171 2345678", "Dan", "+491712345678"),
            ("Eva", "+1 (650) 555-1234", "Eva", "+16505551234"),
            ("+5215512345678", "+5215512345678", "+525512345678", "+525512345678"), // a WhatsApp contact named by its number
            ("Flor", "+551187654321", "Flor", "+5511987654321"),
            ("Gil", "+551132654321", "Gil", "+551132654321"),
            ("Hal", "0170 1234567", "Hal", "0170 1234567"),
            ("Ida", "12345", "Ida", "12345"),
            ("Jo", null, "Jo", null),
        ];
        var database = await NewDatabaseAsync(migrate: false);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // The app's initializer creates the data directory; this test migrates part-way before it runs.
            Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!);
        }

        await using (var db = database.CreateDbContext())
        {
            var all = db.Database.GetMigrations().ToList();
            var conversion = all.FindIndex(m => m.EndsWith("_ContactPhonesE164", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(all[conversion - 1]);
            // As the code before this migration stored them: as typed. In SQL, because today's Contact has columns
            // that later migrations add.
            var now = Clock.GetUtcNow();
            object created = Provider == DatabaseProvider.Sqlite ? now.UtcTicks : now;
            foreach (var (name, phone, _, _) in rows)
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"Contacts\" (\"Id\", \"Name\", \"Phone\", \"CreatedAt\") VALUES ({Guid.NewGuid()}, {name}, {phone}, {created})");
            }
        }

        await database.MigrateAsync();

        await using var after = database.CreateDbContext();
        var stored = await after.Contacts.AsNoTracking().Select(c => new { c.Name, c.Phone, c.SearchName }).ToListAsync();
        // ContactRecords, later, gives the contacts that were there their sort and search key.
        stored.ShouldAllBe(c => c.SearchName == c.Name.ToLowerInvariant());
        stored.Select(c => (c.Name, c.Phone)).OrderBy(c => c.Name, StringComparer.Ordinal)
            .ShouldBe(rows.Select(r => (r.ExpectedName, r.ExpectedPhone)).OrderBy(c => c.ExpectedName, StringComparer.Ordinal));
    }
}

public sealed class SqliteContactPhoneMigrationTests() : ContactPhoneMigrationTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresContactPhoneMigrationTests(PostgresServer postgres) : ContactPhoneMigrationTests(DatabaseProvider.Postgres, postgres);
