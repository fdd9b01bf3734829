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
        await _graph.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
        Directory.Delete(_media, recursive: true);
    }

    private Dictionary<string, string> Settings(string serverId, string redisPrefix) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = _database,
        ["Redis:Configuration"] = redis.Configuration,
        ["Redis:Prefix"] = redisPrefix,
        ["Server:Id"] = serverId,
        ["Media:Directory"] = _media,
    };

    /// <summary>A browser context that nginx sends to server "a" or "b" (its sticky cookie).</summary>
    private async Task<IPage> OnServerAsync(string server, string person)
    {
        var page = await OpenAsync(_nginx.BaseUrl, person);
        await page.Context.AddCookiesAsync([new() { Name = NginxProxy.StickyCookie, Value = server, Domain = "127.0.0.1", Path = "/" }]);
        return page;
    }

    private async Task<InboxPage> SignedInAsync(string server, string email, string person)
    {
        var page = await OnServerAsync(server, person);
        await new SignInPage(page).SignInAsync(email, AppServer.Password);
        await new Shell(page).WaitUntilInteractiveAsync();
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        return inbox;
    }

    [Fact]
    public Task WhatArrivesOnOneServer_ShowsOnTheOther_AReplyLeavesOnce_AndVisitorsOutliveAServer() => ScenarioAsync(async () =>
    {
        var owner = await _a.CompleteSetupAsync("olga@example.com");
        await _a.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await WhatsAppSetup.ConnectAsync(_a, owner, _graph);
        var olga = await SignedInAsync("a", "olga@example.com", "olga");

        // A customer on the web chat, through nginx to server B.
        var customer = new CustomerChat(await OnServerAsync("b", "customer"));
        await customer.GotoAsync(await _a.WebChatKeyAsync());
        await customer.StartAsync("Clara Kundin", "Hallo über Server B");
        await Expect(olga.Rows.Filter(new() { HasText = "Clara Kundin" })).ToContainTextAsync("Hallo über Server B");

        // Meta's webhook reaches server B (its secrets were connected on A).
        await WhatsAppSetup.PostWebhookAsync(_b, WhatsAppSetup.CustomerText("wamid.b-1", "4915123456789", "Walter Whats", "Ist mein Rad fertig?"));
        var whatsAppRow = olga.Rows.Filter(new() { HasText = "Walter Whats" });
        await Expect(whatsAppRow).ToContainTextAsync("Ist mein Rad fertig?");
        var conversationId = long.Parse(await whatsAppRow.GetAttributeAsync("data-conversation") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        // Anna works on server B: Olga on A sees her viewing.
        var anna = await SignedInAsync("b", "anna@example.com", "anna");
        await olga.OpenAsync(conversationId);
        await anna.OpenAsync(conversationId);
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");

        // Olga's reply is queued on A; whichever server's worker claims it, it reaches Meta once.
        await olga.ReplyAsync("Ja, heute ab 15 Uhr.");
        await Expect(anna.Message("Ja, heute ab 15 Uhr.")).ToBeVisibleAsync();
        await _graph.WaitForSendAsync(s => s.Json.GetProperty("text").GetProperty("body").GetString() == "Ja, heute ab 15 Uhr.");
        await SentJobDoneAsync();
        _graph.Sends.Count(s => s.Json.GetProperty("text").GetProperty("body").GetString() == "Ja, heute ab 15 Uhr.").ShouldBe(1);

        // Server B stops: nginx sends Anna's browser to A, where her screen reloads and goes on live; the customer carries on.
        _b.Dispose();
        await olga.AddNoteAsync("Rad steht an der Kasse");
        await Expect(anna.Message("Rad steht an der Kasse")).ToContainTextAsync("Private note");
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");
        await customer.SendAsync("Noch jemand da?");
        await olga.Rows.Filter(new() { HasText = "Clara Kundin" }).ClickAsync();
        await Expect(olga.Message("Noch jemand da?")).ToBeVisibleAsync();
        (await _a.MessagesOfContactAsync("Clara Kundin")).ShouldBe(["Hallo über Server B", "Noch jemand da?"]);
        var log = File.ReadAllText(_b.LogFile);
        var unhandled = log.IndexOf("Unhandled exception", StringComparison.OrdinalIgnoreCase);
        unhandled.ShouldBe(-1, unhandled < 0 ? null : $"Server B logged: {log[Math.Max(0, unhandled - 300)..Math.Min(log.Length, unhandled + 4000)]}");
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
