using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BizInbox.Tests.Data;

[Collection(PostgresTests.Name)]
public sealed class PostgresPersistenceTests(PostgresServer postgres) : PersistenceTests(DatabaseProvider.Postgres, postgres)
{
    protected override BizInboxDbContext CreateUnreachableContext() => new PostgresBizInboxDbContext(
        new DbContextOptionsBuilder<PostgresBizInboxDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "missing_" + Guid.NewGuid().ToString("N") }.ConnectionString)
            .Options);
}
