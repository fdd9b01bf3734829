using System.Diagnostics;
using System.Globalization;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Measures the server memory an agent's circuit holds with the inbox open (list of 50 rows and a conversation
/// with its timeline and composer): 50 browser tabs open the inbox one after another, then 50 more; the app's managed
/// heap after a full collection, and the process's working set (RSS), are compared before and after each round. The app runs in this
/// process, so the heap difference is what the 50 circuits keep alive. A few circuits open first, so that what the
/// app builds once (compiled queries and service resolvers, caches) is not counted as the agents'.
/// Not part of the test run: <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~CircuitMemoryBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Benchmark")]
public sealed class CircuitMemoryBenchmark(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const int Circuits = 50;
    private const int WarmUpCircuits = 5;
    private const int Rounds = 2;

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

        for (var i = 0; i < WarmUpCircuits; i++)
        {
            await OpenConversationAsync(first.Context, conversation);
        }

        // Two rounds of 50, two samples per run. The second leaves out what the first fills once and keeps (caches, and the
        // shared array pools that grow while the first circuits render); both still move by about ±50 KB between runs, as
        // the pools keep more or fewer of the buffers returned to them.
        var pages = new List<IPage>();
        for (var round = 1; round <= Rounds; round++)
        {
            var (heapBefore, setBefore) = ProcessMemory.AfterFullCollection();
            await DumpHeapIfAskedAsync(round == 1 ? "before" : $"before-{round}");
            for (var i = 0; i < Circuits; i++)
            {
                pages.Add(await OpenConversationAsync(first.Context, conversation));
            }

            var (heapAfter, setAfter) = ProcessMemory.AfterFullCollection();
            var perCircuitHeap = (heapAfter - heapBefore) / (double)Circuits / 1024;
            var perCircuitSet = (setAfter - setBefore) / (double)Circuits / 1024;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Round {round}, {Circuits} more inbox circuits: managed heap +{(heapAfter - heapBefore) / 1048576.0:F1} MB ({perCircuitHeap:F0} KB per circuit), RSS (working set) +{(setAfter - setBefore) / 1048576.0:F1} MB ({perCircuitSet:F0} KB per circuit)"));
            await DumpHeapIfAskedAsync(round == 1 ? "after" : $"after-{round}");
        }

        ReportComponents(CircuitCensus.Take(app.Services));
        pages.Count.ShouldBe(Circuits * Rounds);
    });

    private static async Task<IPage> OpenConversationAsync(IBrowserContext context, string? conversation)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"inbox/{conversation}");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = "Messages" }).Locator("article").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return page;
    }

    private void ReportComponents(CircuitCensus? census)
    {
        if (census is null)
        {
            output.WriteLine("components: not countable with this Blazor version");
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{census.Circuits} circuits: {census.Components / (double)census.Circuits:F0} components and {census.FrameCapacity / (double)census.Circuits:F0} render tree frames (capacity) per circuit"));
        output.WriteLine("  per circuit: components, frames (capacity of both trees), frames in use (current tree), type");
        foreach (var (type, count) in census.ComponentsByType.OrderByDescending(c => census.FramesByType[c.Key]).Take(45))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {count / (double)census.Circuits,6:F1} {census.FramesByType[type] / (double)census.Circuits,7:F0} {census.FramesInUseByType[type] / (double)census.Circuits,7:F0}  {type}"));
        }
    }

    // BIZINBOX_CIRCUIT_BENCH_GCDUMP=<prefix>: heap dumps of this process before and after the circuits open
    // (<prefix>-before.gcdump, <prefix>-after.gcdump; dotnet-gcdump on the PATH or installed as a global tool), to
    // compare with `dotnet-gcdump report <file>` or PerfView.
    private async Task DumpHeapIfAskedAsync(string moment)
    {
        if (Environment.GetEnvironmentVariable("BIZINBOX_CIRCUIT_BENCH_GCDUMP") is not { Length: > 0 } prefix)
        {
            return;
        }

        var file = $"{prefix}-{moment}.gcdump";
        var globalTool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        using var dump = Process.Start(new ProcessStartInfo(File.Exists(globalTool) ? globalTool : "dotnet-gcdump",
            ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", file]) { RedirectStandardOutput = true })!;
        output.WriteLine(await dump.StandardOutput.ReadToEndAsync());
        await dump.WaitForExitAsync();
    }

    private static async Task OpenInboxAsync(IPage page)
    {
        await page.GotoAsync("inbox");
        await new Shell(page).WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("a.bi-row").First).ToBeVisibleAsync();
    }
}
