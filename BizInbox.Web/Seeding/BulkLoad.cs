using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Web.Seeding;

/// <summary>
/// Settings for loading a large amount of data at once, undone at the end whatever happens. SQLite: one unpooled
/// connection with a large page cache and no wait for the disk at each commit (so nothing outlives the load), and the
/// full-text tables' triggers set aside and the tables rebuilt once at the end. PostgreSQL: the GIN indexes dropped and
/// created again at the end. Both read the statements to restore from the database itself, so the migrations stay
/// the one place that defines them.
/// </summary>
public sealed class BulkLoad : IAsyncDisposable
{
    private readonly IDbContextFactory<BizInboxDbContext> _contexts;
    private readonly DbConnection? _connection;
    private readonly List<string> _restore = [];
    private readonly List<string> _rebuild = [];

    private BulkLoad(IDbContextFactory<BizInboxDbContext> contexts, DbConnection? connection)
    {
        _contexts = contexts;
        _connection = connection;
    }

    public static async Task<BulkLoad> BeginAsync(IDbContextFactory<BizInboxDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        BulkLoad load;
        if (db.Database.IsSqlite())
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
            await connection.OpenAsync(ct);
            load = new BulkLoad(contexts, connection);
            await load.SuspendSqliteAsync(ct);
        }
        else
        {
            load = new BulkLoad(contexts, null);
            if (db.Database.IsNpgsql())
            {
                await load.SuspendPostgresAsync(db, ct);
            }
        }

        return load;
    }

    /// <summary>A context for one batch of the load, on the load's connection where it has one.</summary>
    public async Task<BizInboxDbContext> ContextAsync(CancellationToken ct)
    {
        var db = await _contexts.CreateDbContextAsync(ct);
        if (_connection is not null)
        {
            db.Database.SetDbConnection(_connection, contextOwnsConnection: false);
        }

        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await using var db = await ContextAsync(CancellationToken.None);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        foreach (var statement in _rebuild)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }

        foreach (var statement in _restore)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }

        if (db.Database.IsNpgsql())
        {
            // Fresh statistics for the new rows and the rebuilt expression indexes: without them the planner guessed a
            // name search's selectivity so badly that it took half a second on a few thousand conversations.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task SuspendSqliteAsync(CancellationToken ct)
    {
        await using var db = await ContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;", ct);
        _rebuild.AddRange(await db.Database.SqlQueryRaw<string>(
            "SELECT 'INSERT INTO \"' || name || '\"(\"' || name || '\") VALUES (''rebuild'');' AS Value FROM sqlite_master " +
            "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").ToListAsync(ct));
        await SuspendAsync(db, "SELECT 'DROP TRIGGER \"' || name || '\";' AS \"Drop\", sql AS \"Restore\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'SearchDocuments'", ct);
    }

    private async Task SuspendPostgresAsync(BizInboxDbContext db, CancellationToken ct)
    {
        await SuspendAsync(db, "SELECT format('DROP INDEX %I;', indexname) AS \"Drop\", indexdef AS \"Restore\" FROM pg_indexes " +
            "WHERE schemaname = current_schema() AND tablename = 'SearchDocuments' AND indexdef LIKE '%USING gin%'", ct);
    }

    /// <summary>Runs each drop statement <paramref name="sql"/> reads from the catalog, keeping its restore statement for the end.</summary>
    private async Task SuspendAsync(BizInboxDbContext db, string sql, CancellationToken ct)
    {
        foreach (var suspended in await db.Database.SqlQueryRaw<Suspended>(sql).ToListAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(suspended.Drop, ct);
            _restore.Add(suspended.Restore);
        }
    }

    /// <summary>A statement that sets something aside for a load and the one that restores it, as read from the catalog.</summary>
    internal sealed class Suspended
    {
        public string Drop { get; init; } = string.Empty;

        public string Restore { get; init; } = string.Empty;
    }
}
