using BizInbox.Tests.Support;
using System.Net;
using System.Text;
using BizInbox.Domain.Conversations;
using BizInbox.Tests.Http;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>The webhook as Meta calls it, against the real app on SQLite.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime, IDisposable
{
    private const string AppSecret = "meta-app-secret";
    private const string VerifyToken = "my-verify-token";
    private const string PhoneNumberId = "106540352242922";

    private readonly AppFactory _app = new();
    private int _inboxId;

    public async Task InitializeAsync()
    {
        var owner = await _app.CompleteSetupAsync();
        var actor = _app.Services.MemberFor(owner.Id);
        _inboxId = await _app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, "102290129340398", "+49 40 1234567", "EAAG-access-token", AppSecret, VerifyToken, null, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private static string TextMessage(string wamid, string from, string body, string name = "Sheena Nelson") => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"494012345670","phone_number_id":"{{{PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"{{{name}}}"},"wa_id":"{{{from}}}"}],
          "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"1749416383","type":"text","text":{"body":"{{{body}}}"}}]}}]}]}
        """;

    private Task<HttpResponseMessage> PostAsync(string json, string? signature = "sign")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature == "sign" ? WebhookSignature.Sign(body, AppSecret) : signature);
        }

        return _app.CreateBrowserLikeClient().SendAsync(request);
    }

    private async Task<List<(string Text, string? Key, string Contact)>> StoredAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var rows = await (from m in db.Messages
                          join c in db.Conversations on m.ConversationId equals c.Id
                          join contact in db.Contacts on c.ContactId equals contact.Id
                          where c.InboxId == _inboxId && m.Kind == MessageKind.Incoming
                          orderby m.Id
                          select new { m.Text, m.ClientMessageId, contact.Name }).ToListAsync();
        return rows.Select(r => (r.Text, (string?)r.ClientMessageId, r.Name)).ToList();
    }

    [Fact]
    public async Task Verification_EchoesTheChallenge_OnlyForTheRightToken()
    {
        var client = _app.CreateBrowserLikeClient();

        var ok = await client.GetAsync($"{WhatsAppWebhookEndpoints.Path}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadAsStringAsync()).ShouldBe("1158201444");

        (await client.GetAsync($"{WhatsAppWebhookEndpoints.Path}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync($"{WhatsAppWebhookEndpoints.Path}?hub.mode=unsubscribe&hub.verify_token={VerifyToken}&hub.challenge=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task UnsignedOrWronglySigned_IsRefused_AndChangesNothing(string? signature)
    {
        var response = await PostAsync(TextMessage("wamid.X1", "4917612345678", "Hallo"), signature);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task TextMessage_IsStoredOnce_EvenWhenDeliveredTwice()
    {
        var json = TextMessage("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "4917612345678", "Gibt es das in Blau?");

        (await PostAsync(json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(json)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stored = (await StoredAsync()).ShouldHaveSingleItem();
        stored.ShouldBe(("Gibt es das in Blau?", "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "Sheena Nelson"));
    }

    [Fact]
    public async Task ConcurrentDeliveries_OfTheSameAndOfNewMessages_LeaveOneOfEach_ForOneContact()
    {
        var first = TextMessage("wamid.C1", "4915112345678", "Erste");
        var second = TextMessage("wamid.C2", "4915112345678", "Zweite");

        var responses = await Task.WhenAll(PostAsync(first), PostAsync(first), PostAsync(second), PostAsync(first), PostAsync(second));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var stored = await StoredAsync();
        stored.Select(s => s.Text).Order().ShouldBe(["Erste", "Zweite"]);
        stored.Select(s => s.Contact).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ValuesNoShopOrPlaceHas_AmongGoodWebhooksSentTogether_LoseNothing_AndEveryMessageIsStored()
    {
        // Meta's payloads can carry "NaN" coordinates or a price whose total overflows; one such message used to fail
        // the group commit, and the others' messages in that batch were lost although each request had 200.
        static string Webhook(string from, string message) => $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"494012345670","phone_number_id":"{{{PhoneNumberId}}}"},
              "contacts":[{"profile":{"name":"Kunde {{{from}}}"},"wa_id":"{{{from}}}"}],"messages":[{{{message}}}]}}]}]}
            """;
        var good = Enumerable.Range(0, 30).Select(i => TextMessage($"wamid.G{i}", $"4917650000{i:D3}", $"Gute Nachricht {i}")).ToList();
        var place = Webhook("4917659999001", """{"from":"4917659999001","id":"wamid.NAN","timestamp":"1749416383","type":"location","location":{"latitude":"NaN","longitude":9.99,"name":"Laden"}}""");
        var order = Webhook("4917659999002", """{"from":"4917659999002","id":"wamid.GOLD","timestamp":"99999999999999","type":"order","order":{"catalog_id":"C","product_items":[{"product_retailer_id":"gold","quantity":3,"item_price":5e28,"currency":"EUR"}]}}""");

        var responses = await Task.WhenAll(good.Append(place).Append(order).Select(json => PostAsync(json)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var stored = await StoredAsync();
        stored.Count(s => s.Text.StartsWith("Gute Nachricht", StringComparison.Ordinal)).ShouldBe(30);
        stored.ShouldContain(s => s.Key == "wamid.NAN" && s.Text.Contains("Laden"));
        stored.ShouldContain(s => s.Key == "wamid.GOLD" && s.Text.Contains("3 × gold (? EUR)"));
    }

    [Fact]
    public async Task SignedButNoWhatsAppNotification_IsAnswered200_AndIgnored()
    {
        (await PostAsync("""{"object":"instagram","entry":[{"id":"1","messaging":[{"message":{"text":"Hallo"}}]}]}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await StoredAsync()).ShouldNotContain(s => s.Text == "Hallo");
    }

    [Fact]
    public async Task MalformedButSigned_IsRefusedWith400()
    {
        (await PostAsync("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}"""))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("{not json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BodiesOver3MB_AreRefused()
    {
        var huge = TextMessage("wamid.BIG", "4917612345678", new string('x', WhatsAppWebhookEndpoints.MaxBodyBytes));

        (await PostAsync(huge)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await StoredAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SecretsAreStoredEncrypted()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
        var row = await db.WhatsAppConnections.SingleAsync();

        row.ProtectedAccessToken.ShouldNotContain("EAAG-access-token");
        row.ProtectedAppSecret.ShouldNotContain(AppSecret);
        row.ProtectedVerifyToken.ShouldNotContain(VerifyToken);
    }
}
