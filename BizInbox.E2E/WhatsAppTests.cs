using System.Text;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WhatsApp;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The WhatsApp channel as far as it goes today: connecting a number and receiving customers' messages.</summary>
[Collection(BrowserGroup.Name)]
public sealed class WhatsAppTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private readonly AppServer _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Owner_ConnectsANumber_AndASignedWebhookAppearsLiveInTheInbox() => ScenarioAsync(async () =>
    {
        await _app.CompleteSetupAsync("olga@example.com");
        var owner = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(owner).SignInAsync("olga@example.com", AppServer.Password);
        await owner.GotoAsync("settings/channels");
        await new Shell(owner).WaitUntilInteractiveAsync();

        var form = owner.GetByRole(AriaRole.Form, new() { Name = "WhatsApp settings" }).Last;
        await form.GetByLabel("Phone number ID").FillAsync("106540352242922");
        await form.GetByLabel("WhatsApp Business Account ID").FillAsync("102290129340398");
        await form.GetByLabel("Display phone number").FillAsync("+49 40 1234567");
        await form.GetByLabel("Access token").FillAsync("EAAG-test-token");
        await form.GetByLabel("App secret").FillAsync("meta-app-secret");
        await form.GetByLabel("Webhook verify token").FillAsync("verify-me");
        await form.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "WhatsApp: +49 40 1234567" })).ToBeVisibleAsync();
        await Expect(owner.GetByText("No webhook received yet")).ToBeVisibleAsync();

        var inbox = new InboxPage(owner);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();

        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        (await http.GetStringAsync($"webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42")).ShouldBe("42");
        var body = Encoding.UTF8.GetBytes("""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Jonas Jansen"},"wa_id":"4917612345678"}],
              "messages":[{"from":"4917612345678","id":"wamid.E2E1","timestamp":"1749416383","type":"text","text":{"body":"Ist mein Rad fertig?"}}]}}]}]}
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, "meta-app-secret"));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        var row = inbox.Rows.Filter(new() { HasText = "Jonas Jansen" });
        await Expect(row).ToContainTextAsync("Ist mein Rad fertig?");
        await Expect(row).ToContainTextAsync("WhatsApp");
    });
}
