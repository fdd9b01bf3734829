using System.Text;
using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using BizInbox.Web.Data;

namespace BizInbox.E2E.Support;

/// <summary>The steps browser tests of the WhatsApp channel begin with: a number connected to a fake Graph API, and signed webhooks as Meta sends them.</summary>
internal static class WhatsAppSetup
{
    public const string PhoneNumberId = "106540352242922";
    public const string BusinessAccountId = "102290129340398";
    public const string AppSecret = "meta-app-secret";

    /// <summary>Connects the business's number (+49 40 1234567) to <paramref name="graph"/>; returns its inbox.</summary>
    public static Task<int> ConnectAsync(AppServer app, AppUser owner, FakeGraphApi graph)
    {
        var actor = app.MemberFor(owner.Id);
        return app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput(PhoneNumberId, BusinessAccountId, "+49 40 1234567", graph.AccessToken, AppSecret, "verify-me", graph.Version, graph.BaseUrl));
    }

    /// <summary>Posts a webhook body signed with the app secret, as Meta does; fails unless the app answers 200.</summary>
    public static Task PostWebhookAsync(AppServer app, string json) => PostWebhookAsync(app.BaseUrl, json);

    /// <summary>Posts a signed webhook body to the server (or proxy) at <paramref name="baseUrl"/>; fails unless it answers 200.</summary>
    public static async Task PostWebhookAsync(string baseUrl, string json)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, AppSecret));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Meta's webhook for a text the customer <paramref name="from"/> (named <paramref name="name"/>) sent just now.</summary>
    public static string CustomerText(string wamid, string from, string name, string text) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{{BusinessAccountId}}}","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"49401234567","phone_number_id":"{{{PhoneNumberId}}}"},
          "contacts":[{"profile":{"name":"{{{name}}}"},"wa_id":"{{{from}}}"}],
          "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}
        """;
}
