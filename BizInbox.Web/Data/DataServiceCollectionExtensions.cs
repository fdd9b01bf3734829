using BizInbox.Web.Data.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace BizInbox.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the DbContext factory for the configured provider, plus a scoped context for Identity.</summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = ResolveDataDirectory(options, environment);
        services.AddSingleton(options);
        services.AddSingleton(new DataDirectory(dataDirectory));

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(options, dataDirectory);
                Register<SqliteBizInboxDbContext>(services, configuration, environment, options.Provider, dataDirectory, b => b.UseSqlite(sqlite));
                break;
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(RequireConnectionString(options));
                Register<PostgresBizInboxDbContext>(services, configuration, environment, options.Provider, dataDirectory, b => b.UseNpgsql(postgres));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = RequireConnectionString(options);
                Register<SqlServerBizInboxDbContext>(services, configuration, environment, options.Provider, dataDirectory, b => b.UseSqlServer(sqlServer));
                break;
            default:
                throw new DatabaseStartupException($"Unknown Database:Provider '{options.Provider}'.");
        }

        services.AddScoped<BizInboxDbContext>(sp => sp.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    private static void Register<TContext>(
        IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider,
        string dataDirectory, Action<DbContextOptionsBuilder> configure)
        where TContext : BizInboxDbContext
    {
        // Interceptors registered as services (the publisher of committed events) join every context.
        services.AddDbContextFactory<TContext>((sp, builder) =>
        {
            configure(builder);
            builder.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<BizInboxDbContext>, ProviderDbContextFactory<TContext>>();
        services.AddKeyStorage<TContext>(configuration, environment, provider, dataDirectory);
    }

    private static string ResolveDataDirectory(DatabaseOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataDirectory));

    private static string SqliteConnectionString(DatabaseOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "bizinbox.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Statements Npgsql prepares on each connection after their fifth use, unless the connection string says otherwise.</summary>
    public const int PostgresAutoPrepared = 128;

    /// <summary>
    /// The connection string with automatic preparation switched on unless it names a value (<c>Max Auto Prepare</c>, 0 for
    /// off): a webhook batch sends hundreds of the same few inserts and updates, and PostgreSQL otherwise parses and plans
    /// each one again, which took half of the batch's time in the database.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresAutoPrepared }.ConnectionString;
    }

    private static string RequireConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new DatabaseStartupException($"Database:ConnectionString is required for Database:Provider={options.Provider}.")
            : options.ConnectionString;
}

/// <summary>The absolute path of the app's local data directory.</summary>
public sealed record DataDirectory(string Path);

/// <summary>Hands out the provider-specific context typed as the shared model.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BizInboxDbContext>
    where TContext : BizInboxDbContext
{
    public BizInboxDbContext CreateDbContext() => inner.CreateDbContext();
}
