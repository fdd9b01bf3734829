using System.Diagnostics;
using BizInbox.Tests.Support;
using BizInbox.Web.Data;
using Xunit.Abstractions;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.Media;

/// <summary>
/// What fetching one 100 MB document costs in memory: bytes allocated, the managed heap's peak above where it started, and
/// the process's peak working set. Figures only (Category=Benchmark, not in CI):
/// <c>dotnet test BizInbox.Tests -c Release --filter "FullyQualifiedName~MediaFetchBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class MediaFetchBenchmark(ITestOutputHelper output) : WhatsAppInboxTests(DatabaseProvider.Sqlite, null)
{
    private const int Size = 100 * 1024 * 1024 - 1024;

    [Fact]
    public async Task OneHundredMegabyteDocument_Fetched()
    {
        var mediaId = Graph.AddMedia(Pdf(), "application/pdf");
        var (_, messageId) = await ReceiveAsync(Message("wamid.BIG-1", Customer, "document",
            $$"""{"mime_type":"application/pdf","id":"{{mediaId}}","filename":"Katalog.pdf"}""", Clock.GetUtcNow()));

        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var meter = MemoryMeter.Start();
        var watch = Stopwatch.StartNew();
        (await Worker.RunDueAsync()).ShouldBeNull();
        watch.Stop();
        var (allocated, heapPeak) = await meter.StopAsync();
        process.Refresh();
        (await MessageAsync(messageId)).MediaFileId.ShouldNotBeNull();
        output.WriteLine($"one {Size / 1024.0 / 1024:0.0} MB document fetched in {watch.ElapsedMilliseconds:N0} ms");
        output.WriteLine($"allocated: {allocated:N1} MB; managed heap peak above start: {heapPeak:N1} MB");
        output.WriteLine($"working set: {workingSetBefore / 1024.0 / 1024:N0} MB before, {process.WorkingSet64 / 1024.0 / 1024:N0} MB after, process peak {process.PeakWorkingSet64 / 1024.0 / 1024:N0} MB");
    }

    private static byte[] Pdf()
    {
        var pdf = new byte[Size];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        return pdf;
    }
}
