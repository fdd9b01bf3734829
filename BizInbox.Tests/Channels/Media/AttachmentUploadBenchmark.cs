using System.Diagnostics;
using BizInbox.Tests.Support;
using BizInbox.Web.Data;
using Xunit.Abstractions;

namespace BizInbox.Tests.Channels.Media;

/// <summary>
/// What an agent's 100 MB document costs in memory on its way from the browser's stream to the media store: bytes
/// allocated and the managed heap's peak above where it started. Figures only (Category=Benchmark, not in CI):
/// <c>dotnet test BizInbox.Tests -c Release --filter "FullyQualifiedName~AttachmentUploadBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class AttachmentUploadBenchmark(ITestOutputHelper output) : WhatsAppInboxTests(DatabaseProvider.Sqlite, null)
{
    private const long Size = 100L * 1024 * 1024 - 1024;

    [Fact]
    public async Task OneHundredMegabyteDocument_Attached()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        await using var browser = new PdfStream(Size);

        var meter = MemoryMeter.Start();
        var watch = Stopwatch.StartNew();
        var attachment = await Conversations.AttachAsync(As(Owner), conversationId, browser, "Katalog.pdf", "application/pdf");
        watch.Stop();
        var (allocated, heapPeak) = await meter.StopAsync();
        attachment.Size.ShouldBe(Size);
        output.WriteLine($"one {Size / 1024.0 / 1024:0.0} MB document attached in {watch.ElapsedMilliseconds:N0} ms");
        output.WriteLine($"allocated: {allocated:N1} MB; managed heap peak above start: {heapPeak:N1} MB");
    }

    /// <summary>A PDF as a browser's upload stream gives it: read once, front to back, never whole in memory.</summary>
    private sealed class PdfStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            var chunk = buffer[..n];
            chunk.Fill((byte)'x');
            var header = "%PDF-1.7\n"u8;
            if (_position < header.Length)
            {
                header[(int)_position..][..Math.Min(n, header.Length - (int)_position)].CopyTo(chunk);
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
