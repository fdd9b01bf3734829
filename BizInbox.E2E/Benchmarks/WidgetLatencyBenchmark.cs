using System.Globalization;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Measures how long a customer's web chat message takes to reach an agent's open inbox, in real browsers: from just
/// before the customer's page invokes SendMessage on the hub to the moment the agent's page shows it. In one run: one
/// server on SQLite (the default installation), and two servers on PostgreSQL and Redis behind nginx with the agent on
/// server A and the customers on A (one server) or on B (across servers), their messages taking turns.
/// Not part of the test run (it reports figures, it asserts none): run it with
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~WidgetLatencyBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Benchmark")]
public sealed class WidgetLatencyBenchmark(BrowserFixture browser, PostgresServer postgres, RedisServer redis, ITestOutputHelper output)
    : SeveralServersTest(browser, postgres, redis), IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    private const int Messages = 200;
    private const int WarmUp = 20;
    private const int Customers = 25; // each customer stays within the per-visitor rate limit

    [Fact]
    public Task WidgetMessage_ReachesTheAgentsOpenInbox_OnOneServer_AndAcrossTwo() => ScenarioAsync(async () =>
    {
        List<double> sqlite;
        using (var single = new AppServer())
        {
            await single.CompleteSetupAsync("olga@example.com");
            var key = await single.WebChatKeyAsync();
            var agent = await AgentAsync(await OpenAsync(single.BaseUrl, "agent-single"));
            var customers = await CustomersAsync(await OpenAsync(single.BaseUrl, "customers-single"), key, "S");
            sqlite = (await MeasureAsync(agent, [customers]))[0];
            await agent.GotoAsync("about:blank"); // no reconnecting to a stopped server during the next measurement
            await customers.Page.GotoAsync("about:blank");
        }

        await A.CompleteSetupAsync("olga@example.com");
        var installationKey = await A.WebChatKeyAsync();
        var agentOnA = await AgentAsync(await OnServerAsync("a", "agent"));
        var onA = await CustomersAsync(await OnServerAsync("a", "customers-a"), installationKey, "A");
        var onB = await CustomersAsync(await OnServerAsync("b", "customers-b"), installationKey, "B");
        var twoServers = await MeasureAsync(agentOnA, [onA, onB]);

        var load = SeededData.LoadAverage();
        var report = string.Join(Environment.NewLine,
            Line("one server, SQLite", sqlite),
            Line("two servers (PostgreSQL, Redis, nginx): customer on the agent's server A", twoServers[0]),
            Line("two servers (PostgreSQL, Redis, nginx): customer on server B, agent on A", twoServers[1]),
            $"load average {load}");
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "benchmarks.txt"), report + Environment.NewLine);
        sqlite.Count.ShouldBe(Messages);
        twoServers.ShouldAllBe(l => l.Count == Messages);
    });

    /// <summary>Signs Olga in on <paramref name="page"/> and has her page note when each benchmark message first shows in the list.</summary>
    private static async Task<IPage> AgentAsync(IPage page)
    {
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await page.EvaluateAsync(@"() => {
            window.benchSeen = {};
            new MutationObserver(() => {
                for (const preview of document.querySelectorAll('a.bi-row .bi-row-preview > span:not(.bi-unread-dot)')) {
                    const m = /bench-(\w+)$/.exec(preview.textContent);
                    if (m && !(m[1] in window.benchSeen)) window.benchSeen[m[1]] = performance.timeOrigin + performance.now();
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }");
        return page;
    }

    /// <summary>Opens <see cref="Customers"/> web chat sessions on <paramref name="page"/>'s server, named after <paramref name="group"/>.</summary>
    private static async Task<(IPage Page, string Group)> CustomersAsync(IPage page, string key, string group)
    {
        await page.GotoAsync($"chat?inbox={key}&lang=en");
        await page.EvaluateAsync(@"async ([key, count, group]) => {
            window.benchConnections = [];
            for (let i = 0; i < count; i++) {
                const c = new signalR.HubConnectionBuilder().withUrl('/hubs/widget').build();
                await c.start();
                await c.invoke('StartSession', key, 'Kunde ' + group + i, null, null);
                window.benchConnections.push(c);
            }
        }", new object[] { key, Customers, group });
        return (page, group);
    }

    /// <summary>
    /// The groups of customers take turns, one message at a time, so that each group meets the same machine load; after
    /// <see cref="WarmUp"/> rounds that are not counted, <see cref="Messages"/> latencies (ms) per group.
    /// </summary>
    private static async Task<List<double>[]> MeasureAsync(IPage agent, (IPage Page, string Group)[] groups)
    {
        var latencies = groups.Select(_ => new List<double>(Messages)).ToArray();
        for (var round = 0; round < WarmUp + Messages; round++)
        {
            for (var g = 0; g < groups.Length; g++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{groups[g].Group}{round}");
                var sentAt = await groups[g].Page.EvaluateAsync<double>(@"async ([round, id]) => {
                    const c = window.benchConnections[round % window.benchConnections.length];
                    const t0 = performance.timeOrigin + performance.now();
                    await c.invoke('SendMessage', 'bench-' + id + '-' + crypto.randomUUID(), 'Nachricht bench-' + id);
                    return t0;
                }", new object[] { round, id });
                await agent.WaitForFunctionAsync("id => id in window.benchSeen", id, new() { Timeout = 10_000 });
                var seenAt = await agent.EvaluateAsync<double>("id => window.benchSeen[id]", id);
                if (round >= WarmUp)
                {
                    latencies[g].Add(seenAt - sentAt);
                }
            }
        }

        return latencies;
    }

    private static string Line(string what, List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"widget -> agent inbox, {what}, {sorted.Count} messages from {Customers} customers: p50 {At(0.50):F0} ms, p95 {At(0.95):F0} ms, p99 {At(0.99):F0} ms, max {sorted[^1]:F0} ms");
    }
}
