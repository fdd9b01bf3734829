using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Data;

/// <summary>The database could not be reached or prepared at start-up. The message is meant for the operator.</summary>
public sealed class DatabaseStartupException : StartupException
{
    public DatabaseStartupException(string message) : base(message) { }

    public DatabaseStartupException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Prepares the database at start-up: creates the SQLite data directory, applies migrations, imports directory keys.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<BizInboxDbContext> contexts,
    DatabaseOptions options,
    DataDirectory dataDirectory,
    Keys.DirectoryKeyImport keys,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory.Path);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            if (options.MigrateOnStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s) to the {Provider} database", pending.Count, options.Provider);
                    // A migration may rewrite a large table (PostgreSQL's search column: minutes for a million documents).
                    db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                    await db.Database.MigrateAsync(cancellationToken);
                }
            }
            else if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database did not accept a connection.");
            }

            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging lets readers (every open inbox screen) proceed while a writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            // Before the host starts, whose data-protection service reads the keys first.
            await keys.RunAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            throw new DatabaseStartupException(
                $"Cannot use the {options.Provider} database ({DescribeTarget(db)}): {Reason(ex)} " +
                "Check Database:Provider and Database:ConnectionString, and that the server is running and reachable.",
                ex);
        }
    }

    private static string DescribeTarget(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return string.IsNullOrEmpty(connection.DataSource)
            ? connection.Database
            : $"{connection.DataSource}{(string.IsNullOrEmpty(connection.Database) ? "" : "/" + connection.Database)}";
    }

    // The driver's own exception says what went wrong; its inner socket errors often only say "Success".
    private static string Reason(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return current.Message.TrimEnd('.') + ".";
            }
        }

        return ex.Message.TrimEnd('.') + ".";
    }
}
