using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Data;

public sealed class SqlitePersistenceTests() : PersistenceTests(DatabaseProvider.Sqlite, null)
{
    protected override BizInboxDbContext CreateUnreachableContext() => new SqliteBizInboxDbContext(
        new DbContextOptionsBuilder<SqliteBizInboxDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "bizinbox-missing-" + Guid.NewGuid().ToString("N"), "bizinbox.db")}")
            .Options);

    [Fact]
    public async Task MigratedDatabase_UsesWriteAheadLogging_AsTheAppsStartupLeavesIt()
    {
        await using var db = Database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        (await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task EveryConnection_LetsSQLiteWaitForTheWriteLock_InsteadOfTheDriversLongSleeps()
    {
        await using var db = Database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        (await command.ExecuteScalarAsync()).ShouldBe((long)SqliteBusyWait.Milliseconds);
    }
}
