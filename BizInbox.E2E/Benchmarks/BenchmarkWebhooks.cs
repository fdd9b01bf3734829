using System.Globalization;
using System.Security.Claims;
using System.Text;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.E2E.Benchmarks;

/// <summary>The WhatsApp number the benchmarks connect, and the signed text webhooks they send to it.</summary>
internal static class BenchmarkWebhooks
{
    public const string Secret = "secret";

    /// <summary>Connects the benchmarks' WhatsApp number to <paramref name="app"/>, after setup.</summary>
    public static async Task ConnectAsync(AppServer app)
    {
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "bench"));
        await app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "token", Secret, "verify", null, null));
    }

    /// <summary>Text message number <paramref name="i"/> (id "wamid.{prefix}{i}") from customer "Kunde {i % customers}".</summary>
    public static HttpRequestMessage Text(string prefix, int i, int customers)
    {
        var from = (4917600000000 + (i % customers)).ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Kunde {{{i % customers}}}"},"wa_id":"{{{from}}}"}],
              "messages":[{"from":"{{{from}}}","id":"wamid.{{{prefix}}}{{{i}}}","timestamp":"1749416383","type":"text","text":{"body":"Nachricht {{{i}}}"}}]}}]}]}
            """);
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, Secret));
        return request;
    }
}
