using System.Security.Cryptography;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.Outbox;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Channels.Media;

/// <summary>
/// The fetch job of a customer's media: asks the Graph API where the file is, checks type, size, checksum and content,
/// downloads only from the Graph host, and keeps the file in the media store.
/// </summary>
public abstract class MediaFetchTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The customer sends a <paramref name="type"/> message with media <paramref name="mediaId"/>, announced as <paramref name="mimeType"/>.</summary>
    private Task<(long ConversationId, long MessageId)> CustomerSendsAsync(string type, string mediaId, string mimeType, string? sha256, string extra = "")
    {
        var checksum = sha256 is null ? string.Empty : $",\"sha256\":\"{sha256}\"";
        return ReceiveAsync(Message("wamid.MEDIA-" + Guid.NewGuid().ToString("N"), Customer, type,
            $$"""{"mime_type":"{{mimeType}}"{{checksum}},"id":"{{mediaId}}"{{extra}}}""", Clock.GetUtcNow()));
    }

    private IReadOnlyList<GraphRequest> Downloads => [.. Graph.Requests.Where(r => r.Path.Contains("/whatsapp_business/attachments", StringComparison.Ordinal))];

    private async Task<List<MediaFile>> MediaFilesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.MediaFiles.AsNoTracking().ToListAsync();
    }

    /// <summary>Checks that the fetch failed for good with <paramref name="reason"/>, and nothing was stored.</summary>
    private async Task ShouldHaveRefusedAsync(long messageId, string reason)
    {
        var job = await JobAsync(messageId, ChannelJobKind.FetchMedia);
        (job.State, job.Attempts).ShouldBe((ChannelJobState.Failed, 1));
        var message = await MessageAsync(messageId);
        message.MediaFileId.ShouldBeNull();
        message.DeliveryError.ShouldNotBeNull().ShouldContain(reason);
        (await MediaFilesAsync()).ShouldBeEmpty();
        Clock.Advance(TimeSpan.FromHours(1));
        (await Worker.RunDueAsync()).ShouldBeNull();
        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Image_IsDownloadedFromTheGraphHost_Checked_AndKeptInTheMediaStore()
    {
        var jpeg = Jpeg(2048);
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg");
        var (conversationId, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg), ",\"caption\":\"Der Kratzer\"");
        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).State.ShouldBe(ChannelJobState.Queued);

        (await Worker.RunDueAsync()).ShouldBeNull();

        var info = Graph.Requests[0];
        (info.Method, info.Path, info.Authorization).ShouldBe(("GET", $"/{Graph.Version}/{mediaId}", "Bearer " + Graph.AccessToken));
        var download = Downloads.ShouldHaveSingleItem();
        (download.Method, download.Authorization, download.StatusCode).ShouldBe(("GET", "Bearer " + Graph.AccessToken, 200));
        var message = await MessageAsync(messageId);
        message.DeliveryError.ShouldBeNull();
        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        message.MediaFileId.ShouldBe(file.Id);
        (file.ConversationId, file.MimeType, file.Size, file.Sha256).ShouldBe((conversationId, "image/jpeg", 2048L, Hex(jpeg)));
        (await Database.Get<MediaStore>().ReadAllAsync(file)).ShouldBe(jpeg);
        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).State.ShouldBe(ChannelJobState.Done);
    }

    [Fact]
    public async Task VoiceMessage_WithCodecParameters_IsStoredAsItsPlainType()
    {
        var ogg = "OggS\0\u0002"u8.ToArray().Concat(Enumerable.Range(0, 500).Select(i => (byte)i)).ToArray();
        var mediaId = Graph.AddMedia(ogg, "audio/ogg; codecs=opus");
        var (_, messageId) = await CustomerSendsAsync("audio", mediaId, "audio/ogg; codecs=opus", Hex(ogg), ",\"voice\":true");

        await Worker.RunDueAsync();

        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        (file.MimeType, file.Size).ShouldBe(("audio/ogg", (long)ogg.Length));
        (await MessageAsync(messageId)).MediaFileId.ShouldBe(file.Id);
    }

    [Fact]
    public async Task Document_KeepsItsSafeFileName_AndAcceptsABase64Checksum()
    {
        var pdf = Pdf(4096);
        var mediaId = Graph.AddMedia(pdf, "application/pdf");
        var base64 = Convert.ToBase64String(SHA256.HashData(pdf));
        var (_, messageId) = await CustomerSendsAsync("document", mediaId, "application/pdf", base64, ",\"filename\":\"..\\\\Rechnung 03-2026.pdf\"");

        await Worker.RunDueAsync();

        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        (file.FileName, file.MimeType).ShouldBe(("Rechnung 03-2026.pdf", "application/pdf"));
        (await MessageAsync(messageId)).MediaFileId.ShouldBe(file.Id);
    }

    [Fact]
    public async Task DownloadUrl_OnAForeignHost_IsNeverFetched()
    {
        await using var foreign = await FakeGraphApi.StartAsync(Graph.AccessToken);
        var jpeg = Jpeg();
        var stolen = foreign.AddMedia(jpeg, "image/jpeg");
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg", downloadUrl: $"{foreign.BaseUrl}/whatsapp_business/attachments/?mid={stolen}");
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg));

        await Worker.RunDueAsync();

        foreign.Requests.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "not on the Graph API host");
    }

    [Theory]
    [InlineData("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/whatsapp_business/attachments/?mid=1")]
    public async Task DownloadUrl_OutsideTheConnectionsGraphHost_IsRefused(string url)
    {
        var jpeg = Jpeg();
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg", downloadUrl: url);
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg));

        await Worker.RunDueAsync();

        Downloads.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "not on the Graph API host");
    }

    [Fact]
    public async Task DeclaredTypeMismatch_IsRefused_BeforeDownloading()
    {
        var png = Png();
        var mediaId = Graph.AddMedia(png, "image/png");
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(png));

        await Worker.RunDueAsync();

        Downloads.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "The file is image/png, but the message said image/jpeg.");
    }

    [Fact]
    public async Task TypeWhatsAppDoesNotAllowForTheMessage_IsRefused()
    {
        var gif = "GIF89a"u8.ToArray().Concat(new byte[100]).ToArray();
        var mediaId = Graph.AddMedia(gif, "image/gif");
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/gif", Hex(gif));

        await Worker.RunDueAsync();

        Downloads.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "does not allow image/gif");
    }

    [Fact]
    public async Task StickerOver500KB_IsRefused_WithoutDownloading()
    {
        var webp = WebP((500 * 1024) + 1);
        var mediaId = Graph.AddMedia(webp, "image/webp");
        var (_, messageId) = await CustomerSendsAsync("sticker", mediaId, "image/webp", Hex(webp), ",\"animated\":false");

        await Worker.RunDueAsync();

        Downloads.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "larger than");
    }

    [Fact]
    public async Task ContentThatIsNotTheType_IsRefused_AfterDownloading()
    {
        var html = "<html><script>document.location='https://evil.example'</script></html>"u8.ToArray();
        var mediaId = Graph.AddMedia(html, "image/png");
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/png", Hex(html));

        await Worker.RunDueAsync();

        Downloads.ShouldHaveSingleItem();
        await ShouldHaveRefusedAsync(messageId, "content is not image/png");
    }

    [Fact]
    public async Task ChecksumMismatch_IsRefused()
    {
        var jpeg = Jpeg();
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg");
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(Jpeg(65)));

        await Worker.RunDueAsync();

        await ShouldHaveRefusedAsync(messageId, "checksum does not match");
    }

    [Fact]
    public async Task MediaIdThatIsNotAGraphId_IsNeverRequested()
    {
        var (_, messageId) = await CustomerSendsAsync("image", "../../me/accounts", "image/jpeg", null);

        await Worker.RunDueAsync();

        Graph.Requests.ShouldBeEmpty();
        await ShouldHaveRefusedAsync(messageId, "Invalid media id");
    }

    [Fact]
    public async Task AFetchThatGaveUp_IsFetchedAgainOnAnAgentsWord_AndOnlyThen()
    {
        var jpeg = Jpeg();
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg");
        // Meta's media endpoint is down for longer than the worker keeps trying: ten attempts, each read tried 1 + 3 times.
        var reads = new ChannelJobOptions().MaxAttempts * (1 + new BizInbox.Web.Channels.WhatsApp.GraphApiOptions().ReadRetries);
        Graph.FailNext(GraphFailure.ServerError, r => r.Method == "GET" && r.Path.EndsWith("/" + mediaId, StringComparison.Ordinal), times: reads);
        var (conversationId, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg));
        for (var attempt = 0; attempt < 10 && await Worker.RunDueAsync() is { } next; attempt++)
        {
            Clock.Set(next);
        }

        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).State.ShouldBe(ChannelJobState.Failed);
        (await MessageAsync(messageId)).DeliveryError.ShouldNotBeNull();
        var conversations = Database.Get<BizInbox.Web.Features.Inbox.ConversationService>();

        await conversations.RetryFetchAsync(As(Owner), conversationId, messageId);
        (await MessageAsync(messageId)).DeliveryError.ShouldBeNull();
        await Worker.RunDueAsync();

        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        (await MessageAsync(messageId)).MediaFileId.ShouldBe(file.Id);
        (await Should.ThrowAsync<BizInbox.Domain.DomainException>(() => conversations.RetryFetchAsync(As(Owner), conversationId, messageId)))
            .Code.ShouldBe("media.not_refetchable");
    }

    [Fact]
    public async Task ServerError_OnTheMediaEndpoint_IsRetriedByTheReadItself_ThenStored()
    {
        var jpeg = Jpeg();
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg");
        Graph.FailNext(GraphFailure.ServerError, r => r.Method == "GET" && r.Path.EndsWith("/" + mediaId, StringComparison.Ordinal));
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg));

        (await Worker.RunDueAsync()).ShouldBeNull();

        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        (await MessageAsync(messageId)).MediaFileId.ShouldBe(file.Id);
        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).Attempts.ShouldBe(1);
        Graph.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/" + mediaId, StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task MediaEndpointDown_PastTheReadsRetries_IsRetriedByTheOutbox_ThenStored()
    {
        var jpeg = Jpeg();
        var mediaId = Graph.AddMedia(jpeg, "image/jpeg");
        var reads = 1 + new BizInbox.Web.Channels.WhatsApp.GraphApiOptions().ReadRetries;
        Graph.FailNext(GraphFailure.ServiceUnavailable, r => r.Method == "GET" && r.Path.EndsWith("/" + mediaId, StringComparison.Ordinal), times: reads);
        var (_, messageId) = await CustomerSendsAsync("image", mediaId, "image/jpeg", Hex(jpeg));

        var next = await Worker.RunDueAsync();

        (await MessageAsync(messageId)).MediaFileId.ShouldBeNull();
        next.ShouldNotBeNull().ShouldBeGreaterThan(Clock.GetUtcNow());
        Clock.Set(next.ShouldNotBeNull());
        await Worker.RunDueAsync();

        var file = (await MediaFilesAsync()).ShouldHaveSingleItem();
        (await MessageAsync(messageId)).MediaFileId.ShouldBe(file.Id);
        (await JobAsync(messageId, ChannelJobKind.FetchMedia)).Attempts.ShouldBe(2);
        Graph.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/" + mediaId, StringComparison.Ordinal)).ShouldBe(reads + 1);
    }
}

public sealed class SqliteMediaFetchTests() : MediaFetchTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresMediaFetchTests(PostgresServer postgres) : MediaFetchTests(DatabaseProvider.Postgres, postgres);
