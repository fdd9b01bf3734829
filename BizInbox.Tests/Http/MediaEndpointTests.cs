using BizInbox.Web.Identity;
using BizInbox.Tests.Support;
using System.Net;
using System.Text;
using BizInbox.Domain.Team;
using BizInbox.Web.Channels.Media;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Channels;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Http;

/// <summary>The media store over HTTP: files of conversations are for signed-in team members only, and never run in the browser.</summary>
public sealed class MediaEndpointTests : IAsyncLifetime, IDisposable
{
    private const string AppSecret = "media-app-secret";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private readonly AppFactory _app = new();
    private long _conversationId;

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        await _app.AddMemberAsync(owner, TeamRole.Agent, "agent@example.com");
        var actor = _app.Services.MemberFor(owner.Id);
        await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "EAAG-token", AppSecret, "verify", null, null));
        var json = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"494012345670","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Sheena"},"wa_id":"4917612345678"}],
              "messages":[{"from":"4917612345678","id":"wamid.M1","timestamp":"1749416383","type":"text","text":{"body":"Hallo"}}]}}]}]}
            """;
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, AppSecret));
        (await _app.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        _conversationId = await db.Conversations.Select(c => c.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private Task<MediaFile> StoreAsync(byte[] bytes, string mime, string name) =>
        _app.Services.GetRequiredService<MediaStore>().SaveAsync(_conversationId, bytes, mime, name);

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task AnAnonymousVisitor_GetsNoBytes_AndIsSentToSignIn()
    {
        var file = await StoreAsync(Png, "image/png", "photo.png");

        var response = await _app.CreateBrowserLikeClient().GetAsync(MediaEndpoints.UrlOf(file.Id));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Forms.RedirectTarget(response).ShouldStartWith("/account/login");
        (await response.Content.ReadAsByteArrayAsync()).ShouldNotBe(Png);
    }

    [Fact]
    public async Task AnAgent_SeesAPictureInline_WithoutSniffingOrScripts()
    {
        var file = await StoreAsync(Png, "image/png", "photo.png");
        var client = await SignedInAsync("agent@example.com");

        var response = await client.GetAsync(MediaEndpoints.UrlOf(file.Id));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
    }

    [Fact]
    public async Task ADocument_AndAnAskedForDownload_ComeAsAttachments_WithTheirSafeName()
    {
        var text = await StoreAsync("Rechnung 4711"u8.ToArray(), "text/plain", "../../Rechnung März.txt");
        var picture = await StoreAsync(Png, "image/png", "photo.png");
        var client = await SignedInAsync(AppFactory.OwnerEmail);

        var document = await client.GetAsync(MediaEndpoints.UrlOf(text.Id));
        var download = await client.GetAsync(MediaEndpoints.UrlOf(picture.Id, download: true));

        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        document.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Rechnung März.txt");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
    }

    [Fact]
    public async Task AnUnknownFile_IsNotFound()
    {
        var client = await SignedInAsync("agent@example.com");

        (await client.GetAsync(MediaEndpoints.UrlOf(Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
