using System.Globalization;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Measures how long a customer's web chat message takes to reach an agent's open inbox, in real browsers:
/// from just before the customer's page invokes SendMessage on the hub to the moment the agent's page shows it.
/// Not part of the test run (it reports figures, it asserts none): run it with
/// <c>dotnet test BizInbox.E2E -c Release --filter Category=Benchmark --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Benchmark")]
public sealed class WidgetLatencyBenchmark(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const int Messages = 200;
    private const int Customers = 25; // each customer stays within the per-visitor rate limit

    [Fact]
    public Task WidgetMessage_ReachesTheAgentsOpenInbox() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        await app.CompleteSetupAsync("olga@example.com");
        var key = await app.WebChatKeyAsync();

        var agent = await OpenAsync(app.BaseUrl, "agent");
        await new SignInPage(agent).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(agent);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await agent.EvaluateAsync(@"() => {
            window.benchSeen = {};
            new MutationObserver(() => {
                for (const preview of document.querySelectorAll('a.bi-row .bi-row-preview > span:not(.bi-unread-dot)')) {
                    const m = /bench-(\d+)$/.exec(preview.textContent);
                    if (m && !(m[1] in window.benchSeen)) window.benchSeen[m[1]] = performance.timeOrigin + performance.now();
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }");

        var customerPage = await OpenAsync(app.BaseUrl, "customers");
        await customerPage.GotoAsync($"chat?inbox={key}&lang=en");
        await customerPage.EvaluateAsync(@"async ([key, count]) => {
            window.benchConnections = [];
            for (let i = 0; i < count; i++) {
                const c = new signalR.HubConnectionBuilder().withUrl('/hubs/widget').build();
                await c.start();
                await c.invoke('StartSession', key, 'Kunde ' + i, null, null);
                window.benchConnections.push(c);
            }
        }", new object[] { key, Customers });

        var latencies = new List<double>(Messages);
        for (var i = 0; i < Messages; i++)
        {
            var sentAt = await customerPage.EvaluateAsync<double>(@"async i => {
                const c = window.benchConnections[i % window.benchConnections.length];
                const t0 = performance.timeOrigin + performance.now();
                await c.invoke('SendMessage', 'bench-' + i + '-' + crypto.randomUUID(), 'Nachricht bench-' + i);
                return t0;
            }", i);
            await agent.WaitForFunctionAsync("i => i in window.benchSeen", i.ToString(CultureInfo.InvariantCulture), new() { Timeout = 10_000 });
            var seenAt = await agent.EvaluateAsync<double>("i => window.benchSeen[i]", i.ToString(CultureInfo.InvariantCulture));
            latencies.Add(seenAt - sentAt);
        }

        latencies.Sort();
        double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var report = string.Create(CultureInfo.InvariantCulture,
            $"widget -> agent inbox, {Messages} messages from {Customers} customers: p50 {At(0.50):F0} ms, p95 {At(0.95):F0} ms, p99 {At(0.99):F0} ms, max {latencies[^1]:F0} ms");
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "benchmarks.txt"), report + Environment.NewLine);
        latencies.Count.ShouldBe(Messages);
    });
}
