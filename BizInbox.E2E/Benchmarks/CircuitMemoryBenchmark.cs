using System.Globalization;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Measures the server memory an agent's circuit holds with the inbox open (list of 50 rows and a conversation
/// with its timeline and composer): 50 browser tabs open the inbox one after another; the app's managed heap
/// after a full collection, and the process's working set, are compared before and after. The app runs in this
/// process, so the heap difference is what the 50 circuits keep alive.
/// Not part of the test run: <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~CircuitMemoryBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Benchmark")]
public sealed class CircuitMemoryBenchmark(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const int Circuits = 50;

    [Fact]
    public Task InboxCircuits_MemoryPerAgent() => ScenarioAsync(async () =>
    {
        using var app = new AppServer();
        await app.CompleteSetupAsync("olga@example.com");
        await ActivatorUtilities.CreateInstance<BizInbox.Web.Seeding.DemoDataSeeder>(app.Services)
            .SeedAsync(new BizInbox.Web.Seeding.SeedOptions(200, 12));

        var first = await OpenAsync(app.BaseUrl, "agent");
        await new SignInPage(first).SignInAsync("olga@example.com", AppServer.Password);
        await OpenInboxAsync(first);
        var conversation = await first.Locator("a.bi-row").First.GetAttributeAsync("data-conversation");

        var (heapBefore, setBefore) = ProcessMemory.AfterFullCollection();
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            var page = await first.Context.NewPageAsync();
            await page.GotoAsync($"inbox/{conversation}");
            await new Shell(page).WaitUntilInteractiveAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = "Messages" }).Locator("article").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            pages.Add(page);
        }

        var (heapAfter, setAfter) = ProcessMemory.AfterFullCollection();
        var perCircuitHeap = (heapAfter - heapBefore) / (double)Circuits / 1024;
        var perCircuitSet = (setAfter - setBefore) / (double)Circuits / 1024;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Circuits} inbox circuits: managed heap +{(heapAfter - heapBefore) / 1048576.0:F1} MB ({perCircuitHeap:F0} KB per circuit), working set +{(setAfter - setBefore) / 1048576.0:F1} MB ({perCircuitSet:F0} KB per circuit)"));
        pages.Count.ShouldBe(Circuits);
    });

    private static async Task OpenInboxAsync(IPage page)
    {
        await page.GotoAsync("inbox");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("a.bi-row").First).ToBeVisibleAsync();
    }
}
