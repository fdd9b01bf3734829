using System.Diagnostics;
using BizInbox.E2E.Pages;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E.Support;

/// <summary>
/// Base of the scenarios with two app servers on one PostgreSQL database and one redis-server, behind nginx as the
/// README's "Several servers" sets them up: one installation's database, Redis prefix, media directory and fake Graph
/// API, each server's settings, and browsers that nginx sends to the server a scenario chooses.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them in DisposeAsync (IAsyncLifetime).")]
public abstract class SeveralServersTest(BrowserFixture browser, PostgresServer postgres, RedisServer redis) : BrowserTest(browser), IAsyncLifetime
{
    private readonly string _media = Directory.CreateTempSubdirectory("bizinbox-media-").FullName;
    private readonly string _redisPrefix = RedisServer.NewPrefix();
    private string _database = string.Empty;
    private AppServer? _b;

    protected FakeGraphApi Graph { get; private set; } = default!;

    protected NginxProxy Nginx { get; private set; } = default!;

    /// <summary>Server A, in this process: the scenario's way into the installation's services.</summary>
    protected AppServer A { get; private set; } = default!;

    /// <summary>Settings both servers get on top of the installation's (e.g. short leases).</summary>
    protected virtual IReadOnlyDictionary<string, string>? ServerSettings => null;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync();
        Graph = await FakeGraphApi.StartAsync();
        A = new AppServer(settings: Settings("server-a"), services: ConfigureServerA);
        Nginx = new NginxProxy(new Uri(A.BaseUrl), new Uri(await StartServerBAsync(Settings("server-b"))));
        await Nginx.WaitUntilListeningAsync();
    }

    public async Task DisposeAsync()
    {
        Nginx?.Dispose();
        await StopServerBAsync();
        A?.Dispose();
        if (Graph is not null)
        {
            await Graph.DisposeAsync();
        }

        await postgres.DropDatabaseAsync(_database);
        Directory.Delete(_media, recursive: true);
    }

    /// <summary>Server B, in this process unless a scenario starts it otherwise (<see cref="StartServerBAsync"/>).</summary>
    protected AppServer B => _b ?? throw new InvalidOperationException("Server B is not in this process in this scenario.");

    /// <summary>Starts server B with <paramref name="settings"/> and returns its address; by default in this process.</summary>
    protected virtual Task<string> StartServerBAsync(IReadOnlyDictionary<string, string> settings)
    {
        _b = new AppServer(settings: settings);
        return Task.FromResult(_b.BaseUrl);
    }

    protected virtual Task StopServerBAsync()
    {
        _b?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Changes a scenario makes to server A's services.</summary>
    protected virtual void ConfigureServerA(IServiceCollection services)
    {
    }

    private Dictionary<string, string> Settings(string serverId)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database,
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:Prefix"] = _redisPrefix,
            ["Server:Id"] = serverId,
            ["Media:Directory"] = _media,
        };
        foreach (var (key, value) in ServerSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A browser context that nginx sends to server "a" or "b" (its sticky cookie).</summary>
    protected async Task<IPage> OnServerAsync(string server, string person)
    {
        var page = await OpenAsync(Nginx.BaseUrl, person);
        await page.Context.AddCookiesAsync([new() { Name = NginxProxy.StickyCookie, Value = server, Domain = "127.0.0.1", Path = "/" }]);
        return page;
    }

    protected async Task<InboxPage> SignedInAsync(string server, string email, string person)
    {
        var page = await OnServerAsync(server, person);
        await new SignInPage(page).SignInAsync(email, AppServer.Password);
        await new Shell(page).WaitUntilInteractiveAsync();
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        return inbox;
    }

    /// <summary>Polls <paramref name="condition"/> (a database or Redis query) until it holds; fails after a minute, naming <paramref name="what"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1), what);
            await Task.Delay(100); // the gap between two queries, not a synchronisation
        }
    }
}
