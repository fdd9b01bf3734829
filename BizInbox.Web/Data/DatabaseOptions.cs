namespace BizInbox.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres and SqlServer; for Sqlite it defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file (and other local state, e.g. data protection keys) lives; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up. Turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
