using System.Text;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>An agent records a voice message in the browser and it reaches WhatsApp as a voice note (Ogg Opus, voice=true).</summary>
[Collection(BrowserGroup.Name)]
public sealed class VoiceMessageTests : BrowserTest, IDisposable
{
    private readonly ShiftableClock _clock = new();
    private readonly AppServer _app;

    public VoiceMessageTests(BrowserFixture browser) : base(browser) => _app = new AppServer(_clock);

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Agent_RecordsAVoiceMessage_AndItLeavesAsAWhatsAppVoiceNote() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await WhatsAppSetup.ConnectAsync(_app, await _app.CompleteSetupAsync("olga@example.com"), graph);
        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await WhatsAppSetup.PostWebhookAsync(_app, WhatsAppSetup.CustomerText("wamid.V1", "4917612345678", "Jonas Jansen", "Können Sie mir das kurz erklären?"));

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
