using Microsoft.Extensions.Time.Testing;
using BizInbox.Web.Servers;
using BizInbox.Web.Data;
using BizInbox.Web.Features;
using BizInbox.Web.Features.Setup;
using BizInbox.Web.Features.Team;
using BizInbox.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BizInbox.Tests.Support.Database;

/// <summary>
/// A fresh database of one provider, migrated (a copy of the <see cref="MigratedTemplate"/>) or empty, with the
/// app's data, identity and team services wired exactly as Program.cs wires them (minus the Razor shell), a
/// <see cref="FakeTimeProvider"/> and a recording invitation sender. Disposing it deletes the database (SQLite: its
/// directory; PostgreSQL: DROP DATABASE).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;
    private readonly PostgresServer? _postgres;
    private bool _disposed;

    private TestDatabase(
        DatabaseProvider provider, ServiceProvider services, string directory, PostgresServer? postgres,
        FakeTimeProvider clock, RecordingInvitationSender sender, string connectionString)
    {
        Provider = provider;
        _services = services;
        _directory = directory;
        _postgres = postgres;
        Clock = clock;
        Sender = sender;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public IServiceProvider Services => _services;

    public FakeTimeProvider Clock { get; }

    public RecordingInvitationSender Sender { get; }

    /// <summary>The connection string the app's DbContexts use.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates the database and the services. Unless <paramref name="migrate"/> is false, the database is a copy of
    /// one that the app's <see cref="DatabaseInitializer"/> migrated, so the schema is in place; otherwise it is
    /// empty, for tests of the migrations themselves. <paramref name="configure"/> may add or replace registrations
    /// after the app's own.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider, PostgresServer? postgres = null, bool migrate = true, Action<IServiceCollection>? configure = null)
    {
        var directory = ScratchDirectory.Create("bizinbox-test-");
        string? connectionString = null;
        ServiceProvider? services = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                // An absolute path: the app resolves it against the content root, which it then ignores.
                ["Database:DataDirectory"] = Path.Combine(directory, "data"),
                // The fake Graph API and the simulator answer on http://127.0.0.1; outside Development that needs saying.
                ["WhatsApp:Graph:AllowHttpOnLoopback"] = "true",
                // A read the fake Graph API fails is tried again at once, not after the production waits.
                ["WhatsApp:Graph:ReadRetryDelay"] = "00:00:00.010",
            };
            switch (provider)
            {
                case DatabaseProvider.Sqlite:
                    // No connection string: the app's own default puts bizinbox.db into the data directory.
                    break;
                case DatabaseProvider.Postgres:
                    ArgumentNullException.ThrowIfNull(postgres);
                    connectionString = migrate ? await postgres.CreateMigratedDatabaseAsync() : await postgres.CreateDatabaseAsync();
                    settings["Database:ConnectionString"] = connectionString;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(provider), provider, "The tests run on SQLite and PostgreSQL.");
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var environment = new TestHostEnvironment(directory);
            var clock = TestClock.Create();
            var sender = new RecordingInvitationSender();
            services = BuildServices(configuration, environment, clock, sender, configure);

            await using (var db = await services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync())
            {
                connectionString = db.Database.GetConnectionString()
                    ?? throw new InvalidOperationException("The app configured no connection string.");
            }

            if (migrate && provider == DatabaseProvider.Sqlite)
            {
                MigratedTemplate.CopySqliteTo(new SqliteConnectionStringBuilder(connectionString).DataSource);
            }

            return new TestDatabase(provider, services, directory, postgres, clock, sender, connectionString);
        }
        catch
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            await DeleteAsync(provider, directory, postgres, connectionString);
            throw;
        }
    }

    /// <summary>The registrations of Program.cs: AddData, AddTeamIdentity and the non-UI part of AddShell (with AddInbox).</summary>
    private static ServiceProvider BuildServices(
        IConfiguration configuration, IHostEnvironment environment, FakeTimeProvider clock, RecordingInvitationSender sender,
        Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(configuration);
        services.AddSingleton(environment);
        services.AddData(configuration, environment).AddServerIdentity(configuration).AddTeamIdentity(configuration);

        // AddShell, without Razor, MudBlazor, culture and SMTP; the clock and the sender are the tests' own.
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<FirstRunState>();
        services.AddSingleton<SetupService>();
        services.AddSingleton<IInvitationSender>(sender);
        services.AddSingleton<TeamService>();
        services.AddSingleton<InvitationAcceptance>();
        services.AddInbox();
        BizInbox.Web.Features.Audit.AuditExtensions.AddAudit(services, configuration);

        // A password hash at the production cost takes about 80 ms of CPU on a CI machine, and these tests hash
        // or verify some 450 times (every owner set up, every member added): over half a minute of a 2-core
        // machine's time. Nothing they check depends on that cost; the HTTP and browser tests keep the app's own.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);

        configure?.Invoke(services);

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A member as a new request or circuit has it: signed in as <paramref name="principal"/>, loaded at its first verb.</summary>
    public CurrentMember Member(System.Security.Claims.ClaimsPrincipal principal)
    {
        var member = new CurrentMember(Get<IDbContextFactory<BizInboxDbContext>>());
        member.Use(principal);
        return member;
    }

    /// <summary>A new context of the app's factory; the caller disposes it.</summary>
    public BizInboxDbContext CreateDbContext() => Get<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();

    /// <summary>Runs the app's start-up database preparation (migrations).</summary>
    public Task MigrateAsync() => Get<DatabaseInitializer>().InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _services.DisposeAsync();
        await DeleteAsync(Provider, _directory, _postgres, ConnectionString);
    }

    private static async Task DeleteAsync(DatabaseProvider provider, string directory, PostgresServer? postgres, string? connectionString)
    {
        if (connectionString is not null)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // Pooled connections keep the file open.
                using var pooled = new SqliteConnection(connectionString);
                SqliteConnection.ClearPool(pooled);
            }
            else if (provider == DatabaseProvider.Postgres && postgres is not null)
            {
                await postgres.DropDatabaseAsync(connectionString);
            }
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
