using BizInbox.Web.Channels;

namespace BizInbox.Tests.Channels;

/// <summary>
/// The one reader of bodies, uploads and downloads with a size limit: all of a stream up to the limit, a clear refusal
/// one byte past it, and never more read than one byte past the limit, whatever the sender declared.
/// </summary>
public sealed class LimitedReadTests
{
    private const int Limit = 200_000; // more than one read's chunk

    [Theory]
    [InlineData(0)]
    [InlineData(Limit - 1)]
    [InlineData(Limit)]
    public async Task UpToTheLimit_IsReadWhole(int length)
    {
        var content = Content(length);
        using var source = new CountingStream(content);

        var read = await LimitedRead.ReadAllAsync(source, Limit, declaredLength: null, CancellationToken.None);

        read.ShouldBe(content);
    }

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(10 * Limit)]
    public async Task PastTheLimit_IsRefused_AfterReadingOneByteMoreThanTheLimitAtMost(int length)
    {
        using var source = new CountingStream(Content(length));
        using var destination = new MemoryStream();

        var refused = await Should.ThrowAsync<ContentTooLargeException>(() => LimitedRead.CopyAsync(source, destination, Limit, declaredLength: null, CancellationToken.None));

        refused.Limit.ShouldBe(Limit);
        source.BytesRead.ShouldBe(Limit + 1);
        destination.Length.ShouldBeLessThanOrEqualTo(Limit);
    }

    [Fact]
    public async Task ADeclaredLengthPastTheLimit_IsRefusedBeforeReading()
    {
        using var source = new CountingStream(Content(10));

        await Should.ThrowAsync<ContentTooLargeException>(() => LimitedRead.ReadAllAsync(source, Limit, declaredLength: Limit + 1, CancellationToken.None));

        source.BytesRead.ShouldBe(0);
    }

    [Fact]
    public async Task ADeclaredLengthWithinTheLimit_DoesNotLetMoreThrough()
    {
        using var source = new CountingStream(Content(Limit + 1));

        await Should.ThrowAsync<ContentTooLargeException>(() => LimitedRead.ReadAllAsync(source, Limit, declaredLength: 100, CancellationToken.None));
    }

    private static byte[] Content(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
