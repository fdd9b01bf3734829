using BizInbox.Tests.Support.Database;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Http;

/// <summary>
/// Base of HTTP test classes that run the real app on SQLite and on PostgreSQL: one sealed subclass per provider,
/// the PostgreSQL one in the <see cref="PostgresTests"/> collection, each test on a fresh migrated database.
/// </summary>
#pragma warning disable CA1001 // xUnit disposes it through IAsyncLifetime.DisposeAsync
public abstract class AppTest(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private string? _database;
    private AppFactory? _app;

    protected AppFactory App => _app ?? throw new InvalidOperationException("The test has not been initialised.");

    /// <summary>Settings of the app (<see cref="AppFactory.Settings"/>), before it starts.</summary>
    protected virtual void Configure(AppFactory app)
    {
    }

    public virtual async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            ArgumentNullException.ThrowIfNull(postgres);
            _database = await postgres.CreateMigratedDatabaseAsync();
        }

        _app = new AppFactory { PostgresConnectionString = _database };
        Configure(_app);
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await postgres!.DropDatabaseAsync(_database);
        }
    }
}
#pragma warning restore CA1001
