using Microsoft.Extensions.Time.Testing;
using BizInbox.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// Base of test classes that run against a real database. Each test gets its own migrated
/// <see cref="TestDatabase"/>; derived classes choose the provider, so one abstract class of tests runs
/// on SQLite and on PostgreSQL.
/// </summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly List<TestDatabase> _extra = [];
    private readonly PostgresServer? _postgres;
    private TestDatabase? _database;

    protected DatabaseTest(DatabaseProvider provider, PostgresServer? postgres)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            ArgumentNullException.ThrowIfNull(postgres);
        }

        Provider = provider;
        _postgres = postgres;
    }

    protected DatabaseProvider Provider { get; }

    /// <summary>This test's migrated database.</summary>
    protected TestDatabase Database => _database ?? throw new InvalidOperationException("The test has not been initialised.");

    protected FakeTimeProvider Clock => Database.Clock;

    /// <summary>Another database of the same provider, deleted with the test's own.</summary>
    protected async Task<TestDatabase> NewDatabaseAsync(bool migrate, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(Provider, _postgres, migrate, configure);
        _extra.Add(database);
        return database;
    }

    /// <summary>Adds or replaces registrations of this test's database (e.g. options), after the app's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider, _postgres, configure: ConfigureServices);

    public virtual async Task DisposeAsync()
    {
        foreach (var database in _extra)
        {
            await database.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
