using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.Media;

/// <summary>The media storage in a directory, and <c>Media:Directory</c> pointing the app at a shared one.</summary>
public sealed class MediaStorageTests : DatabaseTest
{
    private readonly string _shared = ScratchDirectory.Create("bizinbox-media-");

    public MediaStorageTests() : base(DatabaseProvider.Sqlite, null)
    {
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<MediaOptions>(o => o.Directory = _shared);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_shared, recursive: true);
    }

    [Fact]
    public async Task Write_StreamsTheBytesIn_AndReadStreamsThemOut_LeavingNoTemporaryFile()
    {
        var storage = new DirectoryMediaStorage(_shared);
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();

        await storage.WriteAsync("2026/12/abc", new MemoryStream(bytes));

        storage.Exists("2026/12/abc").ShouldBeTrue();
        await using (var read = storage.OpenRead("2026/12/abc"))
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            copy.ToArray().ShouldBe(bytes);
        }

        Directory.GetFiles(Path.Combine(_shared, "2026", "12")).Select(Path.GetFileName).ShouldBe(["abc"]);
        storage.Delete("2026/12/abc");
        storage.Exists("2026/12/abc").ShouldBeFalse();
        storage.Delete("2026/12/abc"); // missing: no error
        Should.Throw<FileNotFoundException>(() => storage.OpenRead("2026/12/abc").Dispose());
    }

    [Fact]
    public async Task AWriteThatFails_LeavesNothingBehind()
    {
        var storage = new DirectoryMediaStorage(_shared);

        await Should.ThrowAsync<IOException>(() => storage.WriteAsync("2026/12/broken", new FailingStream()));

        storage.Exists("2026/12/broken").ShouldBeFalse();
        Directory.GetFiles(Path.Combine(_shared, "2026", "12")).ShouldBeEmpty();
    }

    [Fact]
    public async Task AKeyOutsideTheDirectory_IsRefused()
    {
        var storage = new DirectoryMediaStorage(_shared);

        await Should.ThrowAsync<InvalidOperationException>(() => storage.WriteAsync("../escape", new MemoryStream([1])));
        Should.Throw<InvalidOperationException>(() => storage.OpenRead("../../etc/passwd"));
        File.Exists(Path.Combine(Path.GetDirectoryName(_shared)!, "escape")).ShouldBeFalse();
    }

    [Fact]
    public async Task TheMediaDirectorySetting_PutsFilesWhereAnotherServerReadsThem()
    {
        var file = await Database.Get<MediaStore>().SaveAsync(null, [1, 2, 3, 4], "application/pdf", "angebot.pdf");

        File.ReadAllBytes(Path.Combine(_shared, file.StorageKey)).ShouldBe(new byte[] { 1, 2, 3, 4 });
        var anotherServer = new DirectoryMediaStorage(_shared);
        await using var read = anotherServer.OpenRead(file.StorageKey);
        read.Length.ShouldBe(4);
        Directory.Exists(Path.Combine(Database.Get<DataDirectory>().Path, "media")).ShouldBeFalse();
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ == 0 ? Fill(buffer, offset, Math.Min(count, 1000)) : throw new IOException("The upload broke off.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static int Fill(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)7, offset, count);
            return count;
        }
    }
}
