using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Data;

public sealed class SqlitePersistenceTests() : PersistenceTests(DatabaseProvider.Sqlite, null)
{
    protected override BizInboxDbContext CreateUnreachableContext() => new SqliteBizInboxDbContext(
        new DbContextOptionsBuilder<SqliteBizInboxDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "bizinbox-missing-" + Guid.NewGuid().ToString("N"), "bizinbox.db")}")
            .Options);
}
