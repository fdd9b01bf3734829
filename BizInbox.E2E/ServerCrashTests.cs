using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>
/// Two servers as in <see cref="SeveralServersTests"/>, but server B is a process of its own, killed (SIGKILL) while Meta
/// has not yet answered two of its sends: the agent who worked on B carries on on A, A keeps serving and sending, and
/// once B's lease has run out A takes B's claims over once. Every message reaches the Graph API exactly once: the two
/// in flight are not sent again (they show "No confirmation yet"), the ones queued behind them go out in order.
/// </summary>
[Collection(BrowserGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them in DisposeAsync (IAsyncLifetime).")]
public sealed class ServerCrashTests(BrowserFixture browser, PostgresServer postgres, RedisServer redis)
    : SeveralServersTest(browser, postgres, redis), IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    private const string InFlight = "Ist bestellt.";
    private const string Behind = "Kommt morgen früh.";
    private const string AlsoInFlight = "Ja, 28 Zoll haben wir.";

    // Short enough that the test waits seconds, long enough that a loaded machine renews B's claims and heartbeat in time.
    private static readonly Dictionary<string, string> ShortLeases = new()
    {
        ["WhatsApp:Outbox:LeaseLength"] = "00:00:06",
        ["WhatsApp:Outbox:PollInterval"] = "00:00:01",
        ["Redis:ServerTimeout"] = "00:00:05",
        // B's unanswered sends stay in flight until it dies, rather than timing out on their own.
        ["WhatsApp:Graph:Timeout"] = "00:10:00",
    };

    private IReadOnlyDictionary<string, string> _bSettings = default!;
    private int _bPort;
    private AppProcess? _b;

    protected override IReadOnlyDictionary<string, string> ServerSettings => ShortLeases;

    /// <summary>Only B's address: the scenario starts B (<see cref="StartBAsync"/>) once replies are waiting for it.</summary>
    protected override Task<string> StartServerBAsync(IReadOnlyDictionary<string, string> settings)
    {
        (_bSettings, _bPort) = (settings, AppProcess.FreePort());
        return Task.FromResult($"http://127.0.0.1:{_bPort}/");
    }

    protected override async Task StopServerBAsync()
    {
        if (_b is not null)
        {
            // A's outbox worker is not among A's hosted services: it is stopped here, before A goes.
            await A.Services.GetRequiredService<ChannelJobWorker>().StopAsync(CancellationToken.None);
            _b.Dispose();
        }
    }

    // A's outbox worker is started by the scenario, after B's: B is the one in the middle of sending when it dies.
    protected override void ConfigureServerA(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is Func<IServiceProvider, ChannelJobWorker>));

    private async Task<AppProcess> StartBAsync() => _b = await AppProcess.StartAsync(_bSettings, _bPort);

    [Fact]
    public Task AServerKilledWhileSending_ItsAgentCarriesOnOnTheOther_AndEachMessageReachesMetaOnce() => ScenarioAsync(async () =>
    {
        var owner = await A.CompleteSetupAsync("olga@example.com");
        await A.AddMemberAsync(owner, TeamRole.Agent, "anna@example.com", "Anna Agent");
        await WhatsAppSetup.ConnectAsync(A, owner, Graph);
        await WhatsAppSetup.PostWebhookAsync(A, WhatsAppSetup.CustomerText("wamid.k-1", "4915111111111", "Walter Whats", "Ist mein Rad fertig?"));
        await WhatsAppSetup.PostWebhookAsync(A, WhatsAppSetup.CustomerText("wamid.k-2", "4915122222222", "Wiebke Whats", "Haben Sie 28-Zoll-Schläuche?"));
        var walter = await A.ConversationOfContactAsync("Walter Whats");
        var wiebke = await A.ConversationOfContactAsync("Wiebke Whats");

        // Olga's replies wait for an outbox: two conversations' first replies, and a second one behind the first.
        var olga = await SignedInAsync("a", "olga@example.com", "olga");
        await olga.OpenAsync(walter);
        await olga.ReplyAsync(InFlight);
        await Expect(olga.Message(InFlight)).ToBeVisibleAsync();
        await Expect(olga.Composer).ToHaveValueAsync(string.Empty);
        await olga.ReplyAsync(Behind);
        await Expect(olga.Message(Behind)).ToBeVisibleAsync();
        await olga.OpenAsync(wiebke);
        await olga.ReplyAsync(AlsoInFlight);
        await Expect(olga.Message(AlsoInFlight)).ToBeVisibleAsync();

        // B comes up and claims both heads at once; Meta does not answer them.
        Graph.FailNext(GraphFailure.Timeout, r => r.IsSend && Body(r) is InFlight or AlsoInFlight, times: 2);
        var b = await StartBAsync();
        await Graph.WaitForRequestAsync(r => r.IsSend && Body(r) == InFlight, TimeSpan.FromMinutes(1));
        await Graph.WaitForRequestAsync(r => r.IsSend && Body(r) == AlsoInFlight, TimeSpan.FromMinutes(1));
        (await SendJobsAsync()).ShouldBe([(InFlight, ChannelJobState.Running, "server-b"), (Behind, ChannelJobState.Queued, null), (AlsoInFlight, ChannelJobState.Running, "server-b")]);

        // Anna works on B; A's outbox comes up, and its start-up recovery leaves B's live claims alone.
        var anna = await SignedInAsync("b", "anna@example.com", "anna");
        await anna.OpenAsync(walter);
        await olga.OpenAsync(walter);
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");
        var presence = A.Services.GetRequiredService<IPresenceBoard>();
        (await presence.OtherViewersAsync(walter)).Select(v => v.Name).ShouldBe(["Anna Agent"]);
        var outboxOnA = A.Services.GetRequiredService<ChannelJobWorker>();
        (await outboxOnA.RecoverAsync()).ShouldBe(0);
        await outboxOnA.StartAsync(CancellationToken.None);

        await b.KillAsync();

        // A keeps serving and sending: Meta's next webhook reaches it through nginx, and Olga's answer leaves at once.
        await WhatsAppSetup.PostWebhookAsync(Nginx.BaseUrl, WhatsAppSetup.CustomerText("wamid.k-3", "4915133333333", "Karl Kunde", "Haben Sie heute offen?"));
        var karl = olga.Rows.Filter(new() { HasText = "Karl Kunde" });
        await Expect(karl).ToContainTextAsync("Haben Sie heute offen?");
        await karl.ClickAsync();
        await olga.ReplyAsync("Bis 18 Uhr.");
        await Graph.WaitForSendAsync(r => Body(r) == "Bis 18 Uhr.", TimeSpan.FromMinutes(1));

        // Anna's circuit was on B: nginx sends her browser to A, where her screen reloads and goes on live.
        await olga.OpenAsync(walter);
        await olga.AddNoteAsync("Lieferschein liegt vor");
        await Expect(anna.Message("Lieferschein liegt vor")).ToContainTextAsync("Private note");
        await anna.ReplyAsync("Wir rufen an, sobald es da ist.");
        await Expect(anna.Message("Wir rufen an, sobald es da ist.")).ToBeVisibleAsync();

        // Once B's lease has run out, A takes its two claims over: unconfirmed, not sent again; what waited behind them leaves, in order.
        await EventuallyAsync(async () => await SendJobsAsync() is { Count: 5 } jobs && jobs.All(j => j.State is ChannelJobState.Done or ChannelJobState.Unconfirmed),
            "B's claims were not recovered, or the sends behind them did not leave");
        (await SendJobsAsync()).ShouldBe([
            (InFlight, ChannelJobState.Unconfirmed, "server-a"), (Behind, ChannelJobState.Done, "server-a"),
            (AlsoInFlight, ChannelJobState.Unconfirmed, "server-a"), ("Bis 18 Uhr.", ChannelJobState.Done, "server-a"),
            ("Wir rufen an, sobald es da ist.", ChannelJobState.Done, "server-a")]);
        var sends = Graph.Requests.Where(r => r.IsSend).Select(Body).ToList();
        sends.ShouldBe([InFlight, AlsoInFlight, "Bis 18 Uhr.", Behind, "Wir rufen an, sobald es da ist."], ignoreOrder: true);
        sends.IndexOf(Behind).ShouldBeLessThan(sends.IndexOf("Wir rufen an, sobald es da ist."));
        var log = File.ReadAllText(A.LogFile);
        foreach (var id in await JobIdsAsync(InFlight, AlsoInFlight))
        {
            log.Split($"Send job {id} was interrupted").Length.ShouldBe(2, $"job {id} should be recovered exactly once");
        }

        await Expect(anna.Message(InFlight).Locator("[data-role=delivery-error]")).ToContainTextAsync("No confirmation yet:");
        await olga.OpenAsync(wiebke);
        await Expect(olga.Message(AlsoInFlight).Locator("[data-role=delivery-error]")).ToContainTextAsync("No confirmation yet:");

        // B's presence entries expire: nobody is viewing or online "on B" any more, and Anna shows as viewing through A.
        await EventuallyAsync(async () => (await presence.OtherViewersAsync(walter)).Count == 0 && (await presence.OtherOnlineAsync()).Count == 0,
            "server B's viewers and members online did not expire");
        await olga.OpenAsync(walter);
        await Expect(olga.Presence).ToContainTextAsync("Anna Agent is viewing");
    });

    private static string? Body(GraphRequest request) =>
        request.Json.TryGetProperty("text", out var text) ? text.GetProperty("body").GetString() : null;

    /// <summary>The agents' sends (text, state, claiming server), oldest first.</summary>
    private async Task<List<(string? Text, ChannelJobState State, string? ClaimedBy)>> SendJobsAsync()
    {
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var jobs = await db.ChannelJobs.Where(j => j.Kind == ChannelJobKind.SendMessage).OrderBy(j => j.Id)
            .Select(j => new { j.Message!.Text, j.State, j.ClaimedBy }).ToListAsync();
        return [.. jobs.Select(j => (j.Text, j.State, j.ClaimedBy))];
    }

    private async Task<List<long>> JobIdsAsync(params string[] texts)
    {
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        return await db.ChannelJobs.Where(j => j.Kind == ChannelJobKind.SendMessage && texts.Contains(j.Message!.Text!)).Select(j => j.Id).ToListAsync();
    }
}
