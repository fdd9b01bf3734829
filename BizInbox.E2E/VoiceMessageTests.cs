using System.Security.Claims;
using System.Text;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent records a voice message in the browser and it reaches WhatsApp as a voice note (Ogg Opus, voice=true).</summary>
[Collection(BrowserGroup.Name)]
public sealed class VoiceMessageTests : BrowserTest, IDisposable
{
    private const string AppSecret = "meta-app-secret";
    private readonly ShiftableClock _clock = new();
    private readonly AppServer _app;

    public VoiceMessageTests(BrowserFixture browser) : base(browser) => _app = new AppServer(_clock);

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Agent_RecordsAVoiceMessage_AndItLeavesAsAWhatsAppVoiceNote() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "seed"));
        await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", graph.AccessToken, AppSecret, "verify-me", graph.Version, graph.BaseUrl));
        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Jonas Jansen"},"wa_id":"4917612345678"}],
              "messages":[{"from":"4917612345678","id":"wamid.V1","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"Können Sie mir das kurz erklären?"}}]}}]}]}
            """);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) })
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, AppSecret));
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Attachment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a voice message" }).ClickAsync();
        // Record until the clock shows two seconds: enough audio for several pages, whatever the machine's speed.
        await Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync("0:02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop recording" }).ClickAsync();
        await Expect(page.Locator("[data-role=attachment]")).ToContainTextAsync("Voice message.ogg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var sent = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "audio");
        var audio = sent.Json.GetProperty("audio");
        audio.GetProperty("voice").GetBoolean().ShouldBeTrue();
        var upload = graph.Uploads[audio.GetProperty("id").GetString()!];
        upload.MimeType.ShouldBe("audio/ogg");
        Encoding.ASCII.GetString(upload.Bytes, 0, 4).ShouldBe("OggS");
        Encoding.ASCII.GetString(upload.Bytes, 28, 8).ShouldBe("OpusHead");
        upload.Bytes.Length.ShouldBeGreaterThan(2000);
        await Expect(inbox.Thread.Locator("audio")).ToHaveCountAsync(1);
    });
}
