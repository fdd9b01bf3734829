using BizInbox.Web.Identity;
using System.Text;
using System.Text.Json;
using BizInbox.Domain.Channels;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The WhatsApp channel in a browser: connecting a number, customers' messages arriving live, replies leaving through the Graph API.</summary>
[Collection(BrowserGroup.Name)]
public sealed class WhatsAppTests : BrowserTest, IDisposable
{
    private const string PhoneNumberId = "106540352242922";
    private const string AppSecret = "meta-app-secret";
    private const string Customer = "4917612345678";

    private readonly ShiftableClock _clock = new();
    private readonly AppServer _app;

    public WhatsAppTests(BrowserFixture browser) : base(browser) => _app = new AppServer(_clock);

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
        await PostWebhookAsync(http, """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Jonas Jansen"},"wa_id":"4917612345678"}],
              "messages":[{"from":"4917612345678","id":"wamid.E2E1","timestamp":"1749416383","type":"text","text":{"body":"Ist mein Rad fertig?"}}]}}]}]}
            """);

        var row = inbox.Rows.Filter(new() { HasText = "Jonas Jansen" });
        await Expect(row).ToContainTextAsync("Ist mein Rad fertig?");
        await Expect(row).ToContainTextAsync("WhatsApp");
    });

    [Fact]
    public Task Agent_RepliesWithButtons_TheCustomerChooses_AndAfter24HoursOnlyTemplatesRemain() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        var actor = _app.MemberFor(owner.Id);
        var inboxId = await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, "102290129340398", "+49 40 1234567", graph.AccessToken, AppSecret, "verify-me", graph.Version, graph.BaseUrl));
        await SeedApprovedTemplateAsync(inboxId, "order_ready", "Hallo {{1}}, Ihr Rad ist abholbereit.");

        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();

        // A customer writes: the conversation appears live; opening it tells WhatsApp the message was read.
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        await PostWebhookAsync(http, CustomerMessage("wamid.IN1", """ "type":"text","text":{"body":"Ist mein Rad fertig?"} """));
        var row = inbox.Rows.Filter(new() { HasText = "Jonas Jansen" });
        await Expect(row).ToContainTextAsync("Ist mein Rad fertig?");
        await row.ClickAsync();
        await Expect(inbox.Message("Ist mein Rad fertig?")).ToBeVisibleAsync();
        var receipt = await graph.WaitForRequestAsync(r => r.IsReadReceipt);
        receipt.Json.GetProperty("message_id").GetString().ShouldBe("wamid.IN1");
        await Expect(page.Locator("[data-role=window]")).ToContainTextAsync("Customer service window: 23 h");

        // The agent asks with two reply buttons; the Graph API receives Meta's interactive button message.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Buttons" }).ClickAsync();
        await inbox.Composer.FillAsync("Wann möchten Sie es abholen?");
        // Too long a title for WhatsApp: the counter says so, sending explains why not, and nothing typed is lost.
        await page.GetByLabel("Button 1", new() { Exact = true }).FillAsync("Heute nach Feierabend");
        await Expect(page.Locator("[data-role=buttons-editor] .bi-counter--over")).ToHaveTextAsync("21 / 20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.GetByText("A button title has 1 to 20 characters.")).ToBeVisibleAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("Wann möchten Sie es abholen?");
        await page.GetByLabel("Button 1", new() { Exact = true }).FillAsync("Heute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a button" }).ClickAsync();
        await page.GetByLabel("Button 2", new() { Exact = true }).FillAsync("Morgen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var send = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "interactive");
        send.Path.ShouldBe($"/{graph.Version}/{PhoneNumberId}/messages");
        send.Authorization.ShouldBe($"Bearer {graph.AccessToken}");
        var json = send.Json;
        json.GetProperty("messaging_product").GetString().ShouldBe("whatsapp");
        json.GetProperty("to").GetString().ShouldBe(Customer);
        var interactive = json.GetProperty("interactive");
        interactive.GetProperty("type").GetString().ShouldBe("button");
        interactive.GetProperty("body").GetProperty("text").GetString().ShouldBe("Wann möchten Sie es abholen?");
        var buttons = interactive.GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => (b.GetProperty("type").GetString(), b.GetProperty("reply").GetProperty("id").GetString(), b.GetProperty("reply").GetProperty("title").GetString()))
            .ToList();
        buttons.ShouldBe([("reply", "b1", "Heute"), ("reply", "b2", "Morgen")]);
        var sent = inbox.Message("Wann möchten Sie es abholen?");
        await Expect(sent.Locator(".bi-delivery--sent")).ToBeVisibleAsync();

        // The customer taps "Morgen": the reply names the button, live.
        var wamid = JsonDocument.Parse(send.ResponseBody).RootElement.GetProperty("messages")[0].GetProperty("id").GetString();
        await PostWebhookAsync(http, CustomerMessage("wamid.IN2", $$$"""
            "type":"interactive","context":{"from":"49401234567","id":"{{{wamid}}}"},
            "interactive":{"type":"button_reply","button_reply":{"id":"b2","title":"Morgen"}}
            """));
        await Expect(inbox.Thread.Locator("[data-role=choice]")).ToContainTextAsync("Chose: Morgen");

        // A day and an hour later the window is closed: the composer offers approved templates only.
        // (The sign-in lasts 12 hours, so the agent signs in again and lands back on the conversation.)
        _clock.Advance(TimeSpan.FromHours(25));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox/\\d+$"));
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(page.Locator("[data-role=window]")).ToContainTextAsync("The 24-hour window has closed");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Text" })).ToHaveCountAsync(0);
        await Expect(inbox.Composer).ToBeHiddenAsync();
        await page.Locator(".bi-template-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "order_ready (de)" }).ClickAsync();
        await page.GetByLabel("Parameter 1").FillAsync("Jonas");
        await Expect(page.Locator("[data-role=template-preview]")).ToContainTextAsync("Hallo Jonas, Ihr Rad ist abholbereit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var template = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "template");
        template.Json.GetProperty("template").GetProperty("name").GetString().ShouldBe("order_ready");
        template.Json.GetProperty("template").GetProperty("language").GetProperty("code").GetString().ShouldBe("de");
        await Expect(inbox.Message("Hallo Jonas, Ihr Rad ist abholbereit.")).ToBeVisibleAsync();
    });

    [Fact]
    public Task ACustomersPictureShows_AndARefusedReplyShowsWhy_AndCanBeSentAgain() => ScenarioAsync(async () =>
    {
        await using var graph = await FakeGraphApi.StartAsync();
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        var actor = _app.MemberFor(owner.Id);
        await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, "102290129340398", "+49 40 1234567", graph.AccessToken, AppSecret, "verify-me", graph.Version, graph.BaseUrl));
        var page = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        var inbox = new InboxPage(page);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();

        // A 1×1 PNG the customer sent: fetched from the Graph API into the media store, shown to the agent.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var mediaId = graph.AddMedia(png, "image/png");
        var sha256 = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(png));
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        await PostWebhookAsync(http, CustomerMessage("wamid.PIC1", $$$"""
            "type":"image","image":{"caption":"Kratzer am Rahmen","mime_type":"image/png","sha256":"{{{sha256}}}","id":"{{{mediaId}}}"}
            """));
        await inbox.Rows.Filter(new() { HasText = "Jonas Jansen" }).ClickAsync();
        var picture = inbox.Thread.Locator("img.bi-media-image");
        await Expect(picture).ToBeVisibleAsync();
        (await picture.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).ShouldBe(1);

        // WhatsApp refuses the reply: the agent sees why, and sends it again once the problem is gone.
        graph.FailNext(GraphFailure.InvalidParameter, r => r.IsSend);
        await inbox.ReplyAsync("Danke, wir schauen es uns an.");
        var reply = inbox.Message("Danke, wir schauen es uns an.");
        await Expect(reply.Locator("[data-role=delivery-error]")).ToContainTextAsync("Not delivered:");
        await reply.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
        var sent = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "text");
        sent.Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("Danke, wir schauen es uns an.");
        await Expect(reply.Locator(".bi-delivery--sent")).ToBeVisibleAsync();
        await Expect(reply.Locator("[data-role=delivery-error]")).ToHaveCountAsync(0);

        // The agent sends a PDF with a caption: uploaded to the Graph API first, then sent as a document by its id.
        var pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF"u8.ToArray();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Attachment" }).ClickAsync();
        // Through the button, as an agent does: the browser opens its file picker.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choose a file" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "Kostenvoranschlag.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Expect(page.Locator("[data-role=attachment]")).ToContainTextAsync("Kostenvoranschlag.pdf");
        await inbox.Composer.FillAsync("Ihr Kostenvoranschlag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var document = await graph.WaitForSendAsync(r => r.Json.GetProperty("type").GetString() == "document");
        var sentDocument = document.Json.GetProperty("document");
        sentDocument.GetProperty("caption").GetString().ShouldBe("Ihr Kostenvoranschlag");
        sentDocument.GetProperty("filename").GetString().ShouldBe("Kostenvoranschlag.pdf");
        graph.Uploads[sentDocument.GetProperty("id").GetString()!].Bytes.ShouldBe(pdf);
        await Expect(inbox.Message("Ihr Kostenvoranschlag").Locator("[data-role=download]")).ToContainTextAsync("Kostenvoranschlag.pdf");

        // Once the 24-hour window has closed, a refused free-form reply can no longer be sent again (WhatsApp would refuse it).
        graph.FailNext(GraphFailure.ReEngagementRequired, r => r.IsSend);
        await inbox.ReplyAsync("Noch eine Frage?");
        var late = inbox.Message("Noch eine Frage?");
        await Expect(late.Locator("[data-role=delivery-error]"))
            .ToContainTextAsync("Not delivered: More than 24 hours since the customer's last message: only a template can be sent (131047)");
        await Expect(late.GetByRole(AriaRole.Button, new() { Name = "Send again" })).ToBeVisibleAsync();
        _clock.Advance(TimeSpan.FromHours(25));
        await page.ReloadAsync();
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await new Shell(page).WaitUntilInteractiveAsync();
        await Expect(late.Locator("[data-role=delivery-error]")).ToContainTextAsync("131047");
        await Expect(late.GetByRole(AriaRole.Button, new() { Name = "Send again" })).ToHaveCountAsync(0);
    });

    private static string CustomerMessage(string wamid, string typeAndContent) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"{{{PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"Jonas Jansen"},"wa_id":"{{{Customer}}}"}],
          "messages":[{"from":"{{{Customer}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}",{{{typeAndContent}}}}]}}]}]}
        """;

    private static async Task PostWebhookAsync(HttpClient http, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, AppSecret));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task SeedApprovedTemplateAsync(int inboxId, string name, string body)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        db.MessageTemplates.Add(MessageTemplate.Create(inboxId, name, "de", TemplateCategory.Utility, "APPROVED", body, _clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
