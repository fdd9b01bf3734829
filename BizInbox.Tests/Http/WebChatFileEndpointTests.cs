using BizInbox.Web.Identity;
using BizInbox.Tests.Support;
using System.Net;
using System.Security.Claims;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WebChat;
using BizInbox.Web.Features.Inbox;

namespace BizInbox.Tests.Http;

/// <summary>
/// <c>/chat/files/{id}</c> over HTTP: a web chat visitor fetches the team's file with the address the hub handed them,
/// no cookie needed; another visitor's address or none opens nothing, and nothing runs in the browser.
/// </summary>
public sealed class WebChatFileEndpointTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 56).Select(i => (byte)(i * 3))];
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8, .. "<html><script>alert(1)</script></html>"u8];

    private readonly AppFactory _app = new();
    private WebChatFile _verasPicture = default!;
    private WebChatFile _ottosDocument = default!;

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        var actor = _app.Services.MemberFor(owner.Id);
        _verasPicture = await FileSentToAsync(actor, "Vera Visitor", Png, "fahrrad.png", "image/png");
        _ottosDocument = await FileSentToAsync(actor, "Otto Other", Pdf, "preise.pdf", "application/pdf");
    }

    private async Task<WebChatFile> FileSentToAsync(CurrentMember agent, string visitorName, byte[] bytes, string name, string type)
    {
        var chat = _app.Services.GetRequiredService<WebChatService>();
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var (_, visitor) = await chat.StartAsync(await _app.WebChatKeyAsync(), visitorName, null, null);
        var (question, conversationId) = await chat.SendAsync(visitor, Guid.NewGuid().ToString("N"), "Hallo?");
        var file = await conversations.AttachAsync(agent, conversationId, new MemoryStream(bytes), name, type);
        (await conversations.ReplyAsync(agent, conversationId, new AttachmentDraft(file.Id, null), Guid.NewGuid().ToString("N"), question.Id, sendAnyway: false))
            .Sent.ShouldBeTrue();
        return (await chat.MessagesAsync(visitor, null)).Single(m => m.File is not null).File!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private static string IdOf(WebChatFile file) => file.Url.Split('/')[^1].Split('?')[0];

    private static string TicketOf(WebChatFile file) => file.Url.Split("?access=")[1];

    [Fact]
    public async Task TheVisitor_GetsTheirPicture_WithoutACookie_InlineButNeverSniffedOrRun()
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(_verasPicture.Url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
    }

    [Fact]
    public async Task ADocument_AndAnAskedForDownload_ComeAsAttachments_WithTheirName()
    {
        var document = await _app.CreateBrowserLikeClient().GetAsync(_ottosDocument.Url);
        var download = await _app.CreateBrowserLikeClient().GetAsync(_verasPicture.Url + "&download=true");

        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await document.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        document.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        document.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("preise.pdf");
        document.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
    }

    [Fact]
    public async Task AnotherVisitorsTicket_OpensNotThisFile()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await client.GetAsync($"{WebChatFiles.Path}/{IdOf(_verasPicture)}?access={TicketOf(_ottosDocument)}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).ShouldNotBe(Png);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?access=")]
    [InlineData("?access=not-a-ticket")]
    public async Task NoTicketOrAForgedOne_IsRefused(string query)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync($"{WebChatFiles.Path}/{IdOf(_verasPicture)}{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsByteArrayAsync()).ShouldNotBe(Png);
    }

    [Fact]
    public async Task ATeamMembersCookie_OpensNoWebChatFile_WithoutATicket()
    {
        var client = _app.CreateBrowserLikeClient();
        (await Forms.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetAsync($"{WebChatFiles.Path}/{IdOf(_verasPicture)}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
