using BizInbox.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// Migrating a database costs far more than most tests that use it, so a test process migrates once per
/// provider, through the app's own <see cref="DatabaseInitializer"/>, and copies the result: for SQLite a
/// template file (here), for PostgreSQL a template database (PostgresServer.CreateMigratedDatabaseAsync).
/// The migrations themselves stay covered by the tests that ask for an empty database and migrate it.
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<string> SqliteTemplate = new(() => Task.Run(CreateSqliteTemplateAsync).GetAwaiter().GetResult());

    /// <summary>
    /// Puts a migrated database where the app, given <paramref name="dataDirectory"/> and no connection string,
    /// looks for its SQLite file; its start-up then finds no pending migration.
    /// </summary>
    public static void SeedSqliteDataDirectory(string dataDirectory) => CopySqliteTo(SqliteFileOf(dataDirectory));

    /// <summary>Copies the migrated template to <paramref name="databaseFile"/>, which must not exist yet.</summary>
    public static void CopySqliteTo(string databaseFile)
    {
        // Blocks the first caller while the template is migrated (Task.Run: no test's synchronisation context
        // is needed to finish it), so that the app factories can seed synchronously before their host starts.
        var template = SqliteTemplate.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        File.Copy(template, databaseFile);
    }

    /// <summary>Runs the app's start-up preparation of the database (migrations; SQLite: its journal mode).</summary>
    public static async Task MigrateAsync(DatabaseProvider provider, string dataDirectory, string? connectionString = null)
    {
        await using var services = BuildDataServices(provider, dataDirectory, connectionString);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    /// <summary>The app's data registrations alone: what Program.cs needs to prepare the database.</summary>
    private static ServiceProvider BuildDataServices(DatabaseProvider provider, string dataDirectory, string? connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:DataDirectory"] = dataDirectory,
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        var environment = new TestHostEnvironment(dataDirectory);
        return new ServiceCollection().AddLogging().AddData(configuration, environment).BuildServiceProvider();
    }

    private static string SqliteFileOf(string dataDirectory) => new SqliteConnectionStringBuilder(SqliteConnectionStringOf(dataDirectory)).DataSource;

    /// <summary>The app's own default for <paramref name="dataDirectory"/>, so that the tests do not restate its file name.</summary>
    private static string SqliteConnectionStringOf(string dataDirectory)
    {
        using var services = BuildDataServices(DatabaseProvider.Sqlite, dataDirectory, connectionString: null);
        using var db = services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();
        return db.Database.GetConnectionString() ?? throw new InvalidOperationException("The app configured no SQLite connection string.");
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var directory = ScratchDirectory.Create("bizinbox-template-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(directory);
        var appConnectionString = SqliteConnectionStringOf(directory);
        var file = new SqliteConnectionStringBuilder(appConnectionString).DataSource;
        await MigrateAsync(DatabaseProvider.Sqlite, directory);

        // The app left the file in write-ahead-log mode, with pooled connections open: close them and fold the
        // log into the file, so that the file alone is the whole database and every copy of it is consistent.
        using (var pooled = new SqliteConnection(appConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        if (new FileInfo(file + "-wal") is { Exists: true, Length: > 0 })
        {
            throw new InvalidOperationException($"The SQLite template {file} still has an unmerged write-ahead log; a copy of the file alone would miss data.");
        }

        return file;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaner; nothing depends on it any more.
        }
    }
}
