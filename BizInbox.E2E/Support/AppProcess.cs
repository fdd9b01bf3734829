using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BizInbox.E2E.Support;

/// <summary>
/// The app as a separate OS process (<c>dotnet BizInbox.Web.dll</c>, as production runs it), so that it can be killed
/// hard: <see cref="KillAsync"/> is SIGKILL, no shutdown code runs. It gets <see cref="AppServer.TestSettings"/> and the
/// scenario's settings as environment variables; its output goes to <see cref="LogFile"/>.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string? _ownDirectory;
    private bool _closed;

    private AppProcess(Process process, string baseUrl, string logFile, string? ownDirectory)
    {
        (_process, BaseUrl, LogFile, _ownDirectory) = (process, baseUrl, logFile, ownDirectory);
        _log = new StreamWriter(logFile) { AutoFlush = true };
    }

    /// <summary>The process's own address, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>What the process wrote to its console (its warnings and errors).</summary>
    public string LogFile { get; }

    /// <summary>Starts the app on <paramref name="port"/> (a free one if none) and returns once <c>/health/ready</c> answers 200.</summary>
    /// <param name="settings">Configuration keys as in appsettings (<c>Database:Provider</c>), on top of <see cref="AppServer.TestSettings"/>.</param>
    /// <param name="workingDirectory">The process's working directory (the content root); a new temporary one, deleted on dispose, if none.</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null, string? workingDirectory = null)
    {
        var baseUrl = $"http://127.0.0.1:{port ?? FreePort()}/";
        var ownDirectory = workingDirectory is null ? Directory.CreateTempSubdirectory("bizinbox-process-").FullName : null;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BizInbox.Web.dll"), "--urls", baseUrl.TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? ownDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in AppServer.TestSettings.Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logFile = Path.Combine(AppServer.LogDirectory, $"process-{new Uri(baseUrl).Port}-{DateTime.UtcNow:HHmmssfff}.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, baseUrl, logFile, ownDirectory);
        process.OutputDataReceived += (_, e) => app.Write(e.Data);
        process.ErrorDataReceived += (_, e) => app.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: the process ends at once, its connections drop, nothing of its shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }

        if (_ownDirectory is not null)
        {
            Directory.Delete(_ownDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} at start-up; see {LogFile}.");
            }

            try
            {
                using var ready = await http.GetAsync("health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (waited.Elapsed > StartLimit)
            {
                throw new TimeoutException($"The app did not become ready within {StartLimit.TotalMinutes} minutes; see {LogFile}.");
            }

            await Task.Delay(50); // the gap between two readiness checks, not a synchronisation
        }
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            if (line is not null && !_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
