using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BizInbox.Web.Data;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BizInbox.Tests.Support.Database;

/// <summary>The "postgres" xUnit collection: its test classes share one <see cref="PostgresServer"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>
/// One throw-away PostgreSQL server for the whole test run. With <c>BIZINBOX_TEST_POSTGRES</c> set to a
/// connection string, that server is used instead (its user must be allowed to create databases).
/// Otherwise the highest installed version under <c>/usr/lib/postgresql/*/bin</c> is initialised into a
/// fresh temporary directory, listens on a free loopback port, and is stopped and deleted at the end.
/// A missing server is a test failure, never a skip. See <see cref="ScratchDirectory"/> for where it lives.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "BIZINBOX_TEST_POSTGRES";

    private const string PostgresOsUser = "postgres";
    private const string InstallRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] ServerTools = ["initdb", "pg_ctl", "postgres"];

    private readonly IMessageSink _diagnostics;
    private readonly Lock _stopGate = new();
    private readonly Lazy<Task<string>> _migratedTemplate;
    private string? _adminConnectionString;
    private string? _rootDirectory;
    private string? _dataDirectory;
    private string? _binDirectory;
    private bool _runAsPostgresUser;
    private bool _running;

    public PostgresServer(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
        _migratedTemplate = new(CreateMigratedTemplateAsync);
    }

    /// <summary>How long finding, initialising and starting the server took (zero for an external server).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>True when <c>BIZINBOX_TEST_POSTGRES</c> named the server.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>A connection string for the maintenance database, as a superuser (or database creator).</summary>
    public string AdminConnectionString =>
        _adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started.");

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            IsExternal = true;
            _adminConnectionString = external;
            await VerifyConnectionAsync($"the server named by {ConnectionStringVariable}");
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        _binDirectory = FindBinDirectory();
        _runAsPostgresUser = Environment.IsPrivilegedProcess;
        if (_runAsPostgresUser)
        {
            await EnsurePostgresUserExistsAsync();
        }

        _rootDirectory = ScratchDirectory.Create("bizinbox-pg-");
        _dataDirectory = Path.Combine(_rootDirectory, "data");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            if (_runAsPostgresUser)
            {
                await RunAsync("chown", [PostgresOsUser, _rootDirectory], asPostgresUser: false, "giving the temporary directory to the postgres user");
            }

            await RunAsync(
                Path.Combine(_binDirectory, "initdb"),
                ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                _runAsPostgresUser,
                "initialising the data directory (initdb)");

            await StartAsync();
            StartupTime = stopwatch.Elapsed;
            _diagnostics.OnMessage(new DiagnosticMessage(
                $"PostgreSQL from {_binDirectory} started in {StartupTime.TotalMilliseconds:F0} ms ({_rootDirectory})."));
        }
        catch
        {
            await StopAndDeleteAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (!IsExternal)
        {
            await StopAndDeleteAsync();
        }
        else if (_migratedTemplate.IsValueCreated && _migratedTemplate.Value.IsCompletedSuccessfully)
        {
            await DropDatabaseNamedAsync(await _migratedTemplate.Value);
        }
    }

    /// <summary>Creates an empty, uniquely named database and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync("bizinbox_test_", "template0");

    /// <summary>
    /// Creates a uniquely named database with the app's migrations applied and returns a connection string to it:
    /// a copy of a template database that the first call migrates.
    /// </summary>
    public async Task<string> CreateMigratedDatabaseAsync() => await CreateDatabaseAsync("bizinbox_test_", await _migratedTemplate.Value);

    private async Task<string> CreateDatabaseAsync(string prefix, string template)
    {
        var name = prefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" ENCODING 'UTF8'");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private async Task<string> CreateMigratedTemplateAsync()
    {
        var connectionString = await CreateDatabaseAsync("bizinbox_template_", "template0");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var dataDirectory = ScratchDirectory.Create("bizinbox-pg-template-");
        try
        {
            // PostgreSQL copies a template only while nobody is connected to it. Without pooling, the
            // migration's connections close when it ends instead of idling in a pool that would have to be cleared.
            await MigratedTemplate.MigrateAsync(
                DatabaseProvider.Postgres, dataDirectory, new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        // Nothing may connect to it later either (a copy would then fail for a while).
        await ExecuteAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        _diagnostics.OnMessage(new DiagnosticMessage($"Migrated the template database {name}."));
        return name;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync()"/>, closing its pooled connections first.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await DropDatabaseNamedAsync(name);
    }

    private Task DropDatabaseNamedAsync(string name) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)");

    private async Task StartAsync()
    {
        // A free port can be taken by someone else between choosing and binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var log = Path.Combine(_rootDirectory!, $"server-{port}.log");
            var options = string.Join(' ',
                "-p", port.ToString(CultureInfo.InvariantCulture),
                "-k", _rootDirectory,
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off");
            var (exitCode, output) = await TryRunAsync(
                Path.Combine(_binDirectory!, "pg_ctl"),
                ["start", "-w", "-t", "60", "-D", _dataDirectory!, "-l", log, "-o", options],
                _runAsPostgresUser);
            if (exitCode == 0)
            {
                _running = true;
                _adminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    MaxPoolSize = 20,
                }.ConnectionString;
                await VerifyConnectionAsync($"the test server on port {port}");
                return;
            }

            var tail = LogTail(log);
            var portTaken = tail.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || tail.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || attempt == 3)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start (pg_ctl exited with {exitCode}).{Environment.NewLine}" +
                    $"pg_ctl output:{Environment.NewLine}{output}{Environment.NewLine}" +
                    $"Server log {log}:{Environment.NewLine}{tail}");
            }
        }
    }

    private async Task VerifyConnectionAsync(string what)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version()", connection);
            var version = await command.ExecuteScalarAsync();
            _diagnostics.OnMessage(new DiagnosticMessage($"Tests use {what}: {version}"));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            var log = _rootDirectory is null ? string.Empty : Environment.NewLine + AllLogTails();
            throw new InvalidOperationException($"Cannot connect to {what}: {ex.Message}{log}", ex);
        }
    }

    private async Task StopAndDeleteAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            var (exitCode, _) = await TryRunAsync(
                Path.Combine(_binDirectory!, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", _dataDirectory!], _runAsPostgresUser);
            if (exitCode != 0)
            {
                KillPostmaster();
            }

            _running = false;
        }

        DeleteRootDirectory();
    }

    /// <summary>Last resort when the test host exits without disposing the fixture.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        lock (_stopGate)
        {
            if (_running)
            {
                KillPostmaster();
                _running = false;
            }

            DeleteRootDirectory();
        }
    }

    private void KillPostmaster()
    {
        var pidFile = Path.Combine(_dataDirectory!, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            return;
        }

        try
        {
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill(entireProcessTree: true);
            postmaster.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private void DeleteRootDirectory()
    {
        if (_rootDirectory is null || !Directory.Exists(_rootDirectory))
        {
            return;
        }

        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (IOException ex)
        {
            _diagnostics.OnMessage(new DiagnosticMessage($"Could not delete {_rootDirectory}: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            _diagnostics.OnMessage(new DiagnosticMessage($"Could not delete {_rootDirectory}: {ex.Message}"));
        }
    }

    private static string FindBinDirectory()
    {
        static bool HasServer(string bin) => ServerTools.All(tool => ResolveTool(bin, tool) is not null);

        if (Directory.Exists(InstallRoot))
        {
            var best = Directory.GetDirectories(InstallRoot)
                .Select(d => (Bin: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1m))
                .Where(c => c.Version >= 0 && HasServer(c.Bin))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        // Elsewhere than Debian/Ubuntu the server tools are usually on the PATH.
        // They may be links into a versioned directory: use that, where the tools find each other.
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(HasServer)
            .Select(bin => Path.GetDirectoryName(ResolveTool(bin, "pg_ctl"))!)
            .FirstOrDefault(HasServer);
        return onPath ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server, and none was found: there are no server binaries " +
            $"(initdb, pg_ctl, postgres) under {InstallRoot}/<version>/bin nor on the PATH, and the environment " +
            $"variable {ConnectionStringVariable} is not set. Either install the server binaries " +
            "(Debian/Ubuntu: `apt-get install postgresql-15`; any version works, the highest one is used), " +
            $"or set {ConnectionStringVariable} to a connection string of a running server whose user may create " +
            "databases, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=secret\".");
    }

    /// <summary>The real path of <paramref name="tool"/> in <paramref name="bin"/>, following links; null if there is none.</summary>
    private static string? ResolveTool(string bin, string tool)
    {
        var file = new FileInfo(Path.Combine(bin, tool));
        if (!file.Exists)
        {
            return null;
        }

        try
        {
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? target.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task EnsurePostgresUserExistsAsync()
    {
        var (exitCode, _) = await TryRunAsync("id", ["-u", PostgresOsUser], asPostgresUser: false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"The tests run as root, and PostgreSQL refuses to run as root, but there is no '{PostgresOsUser}' OS user " +
                $"to run it as. Create one (`useradd --system {PostgresOsUser}`; the postgresql packages do), " +
                $"run the tests as an ordinary user, or set {ConnectionStringVariable}.");
        }
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser, string what)
    {
        var (exitCode, output) = await TryRunAsync(fileName, arguments, asPostgresUser, _rootDirectory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"Starting the test PostgreSQL server failed while {what}: `{fileName} {string.Join(' ', arguments)}` " +
                $"exited with {exitCode}.{Environment.NewLine}{output}");
        }
    }

    private Task<(int ExitCode, string Output)> TryRunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser) =>
        TryRunAsync(fileName, arguments, asPostgresUser, _rootDirectory);

    private static async Task<(int ExitCode, string Output)> TryRunAsync(
        string fileName, IReadOnlyList<string> arguments, bool asPostgresUser, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be allowed into the test's working directory.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(PostgresOsUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"Timed out after {CommandTimeout}.{Environment.NewLine}{await stdout}{await stderr}");
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>A loopback port nobody listens on now (someone may take it before the caller binds it: retry then).</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private string AllLogTails() => string.Join(
        Environment.NewLine,
        Directory.Exists(_rootDirectory) ? Directory.GetFiles(_rootDirectory, "server-*.log").Select(f => $"Server log {f}:{Environment.NewLine}{LogTail(f)}") : []);

    private static string LogTail(string path, int lines = 40)
    {
        try
        {
            return File.Exists(path)
                ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines))
                : "(no log file was written)";
        }
        catch (IOException ex)
        {
            return $"(the log could not be read: {ex.Message})";
        }
    }
}
