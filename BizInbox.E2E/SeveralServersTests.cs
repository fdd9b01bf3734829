using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// Two app servers on one PostgreSQL database and one redis-server, behind nginx as the README sets them up: what a
/// customer or Meta sends to one server shows on the other's screens at once, a reply leaves once, who is viewing shows
/// across servers, and when a server stops its visitors carry on on the other.
/// </summary>
[Collection(BrowserGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them in DisposeAsync (IAsyncLifetime).")]
public sealed class SeveralServersTests(BrowserFixture browser, PostgresServer postgres, RedisServer redis)
    : BrowserTest(browser), IClassFixture<PostgresServer>, IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _media = Directory.CreateTempSubdirectory("bizinbox-media-").FullName;
    private string _database = string.Empty;
    private FakeGraphApi _graph = default!;
    private AppServer _a = default!;
    private AppServer _b = default!;
    private NginxProxy _nginx = default!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync();
        _graph = await FakeGraphApi.StartAsync();
        var prefix = RedisServer.NewPrefix();
        _a = new AppServer(settings: Settings("server-a", prefix));
        _b = new AppServer(settings: Settings("server-b", prefix));
        _nginx = new NginxProxy(new Uri(_a.BaseUrl), new Uri(_b.BaseUrl));
        await _nginx.WaitUntilListeningAsync();
    }

    public async Task DisposeAsync()
    {
        _nginx.Dispose();
        _a.Dispose();
        _b.Dispose();
        await olga.AddNoteAsync("Rad steht an der Kasse");
        await Expect(anna.Message("Rad steht an der Kasse")).ToContainTextAsync("Private note");
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");
        await customer.SendAsync("Noch jemand da?");
        await olga.Rows.Filter(new() { HasText = "Clara Kundin" }).ClickAsync();
        await Expect(olga.Message("Noch jemand da?")).ToBeVisibleAsync();
        (await _a.MessagesOfContactAsync("Clara Kundin")).ShouldBe(["Hallo über Server B", "Noch jemand da?"]);
        File.ReadAllText(_b.LogFile).ShouldNotContain("Unhandled exception");
    });

    /// <summary>Waits (polled, up to a minute) until the outbox has marked the send done, so that no second send can follow.</summary>
    private async Task SentJobDoneAsync()
    {
        var contexts = _a.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.ChannelJobs.AnyAsync(j => j.Kind == ChannelJobKind.SendMessage && j.State == ChannelJobState.Done))
            {
                return;
            }

            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1), "the reply's outbox job never finished");
            await Task.Delay(100);
        }
    }
}
