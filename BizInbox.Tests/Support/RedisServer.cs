using System.Diagnostics;
using BizInbox.Tests.Support.Database;
using StackExchange.Redis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BizInbox.Tests.Support;

/// <summary>The "redis" xUnit collection: its test classes share one <see cref="RedisServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisTests : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}

/// <summary>
/// One throw-away <c>redis-server</c> for the test run: no persistence, a free loopback port, a temporary directory,
/// stopped by its process id. A missing redis-server is a test failure (CI installs it), never a skip. Tests keep
/// apart by giving each "installation" its own key prefix (<see cref="NewPrefix"/>).
/// </summary>
public sealed class RedisServer(IMessageSink diagnostics) : IAsyncLifetime
{
    private const string Binary = "redis-server";
    private static readonly string[] Places = ["/usr/bin", "/usr/local/bin"];
    private Process? _process;
    private string? _directory;

    public string Configuration { get; private set; } = string.Empty;

    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var binary = Places.Select(d => Path.Combine(d, Binary)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The Redis tests need redis-server, and none was found in /usr/bin or /usr/local/bin. Install it: `apt-get install redis-server`.");
        _directory = ScratchDirectory.Create("bizinbox-redis-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        for (var attempt = 1; ; attempt++)
        {
            var port = PostgresServer.FreeLoopbackPort();
            var start = new ProcessStartInfo(binary)
            {
                WorkingDirectory = _directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no" })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            Configuration = $"127.0.0.1:{port}";
            if (await AnswersAsync())
            {
                diagnostics.OnMessage(new DiagnosticMessage($"redis-server (pid {_process.Id}) listens on {Configuration}."));
                return;
            }

            Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not answer on {Configuration} after three tries.");
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task<bool> AnswersAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && _process is { HasExited: false })
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Configuration},connectTimeout=1000");
                await connection.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
        _process = null;
    }
}
