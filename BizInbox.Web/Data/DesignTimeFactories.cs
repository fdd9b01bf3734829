using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BizInbox.Web.Data;

// Used by 'dotnet ef' only: migrations are generated without starting the app or reaching a server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBizInboxDbContext>
{
    public SqliteBizInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBizInboxDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBizInboxDbContext>
{
    public PostgresBizInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBizInboxDbContext>().UseNpgsql("Host=localhost;Database=bizinbox").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBizInboxDbContext>
{
    public SqlServerBizInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerBizInboxDbContext>().UseSqlServer("Server=localhost;Database=bizinbox;TrustServerCertificate=True").Options);
}
