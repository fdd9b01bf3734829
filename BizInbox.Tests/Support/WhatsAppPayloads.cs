using System.Globalization;
using System.Text.Json;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Tests.Support;

/// <summary>
/// Webhook bodies in the shape Meta's Cloud API sends them (<c>object</c>, <c>entry[].changes[].value</c> with
/// <c>metadata</c>, <c>contacts</c>, <c>messages</c>, <c>statuses</c>). The tests write each message or status object
/// themselves, so Meta's published shape of every type is visible where it is asserted.
/// </summary>
public static class WhatsAppPayloads
{
    public const string PhoneNumberId = "106540352242922";
    public const string BusinessAccountId = "102290129340398";
    public const string DisplayPhoneNumber = "494012345670";

    /// <summary>A Unix timestamp as Meta writes it (a string of seconds).</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Messages of one customer, with their profile (omitted when <paramref name="profileName"/> is null).</summary>
    public static string Inbound(string waId, string? profileName, params string[] messages)
    {
        var contacts = profileName is null
            ? string.Empty
            : $$"""
              "contacts":[{"profile":{"name":{{Json(profileName)}}},"wa_id":{{Json(waId)}}}],
              """;
        return Envelope(contacts + $"\"messages\":[{string.Join(',', messages)}]");
    }

    /// <summary>Statuses of messages the business sent.</summary>
    public static string Statuses(params string[] statuses) => Envelope($"\"statuses\":[{string.Join(',', statuses)}]");

    /// <summary>A customer's message: the common fields and the type's own object (<paramref name="part"/>, raw JSON).</summary>
    public static string Message(string wamid, string from, string type, string part, DateTimeOffset? at = null, string? repliedTo = null)
    {
        var context = repliedTo is null ? string.Empty : $$"""
            "context":{"from":"{{DisplayPhoneNumber}}","id":{{Json(repliedTo)}}},
            """;
        return $$"""
            {{{context}}"from":{{Json(from)}},"id":{{Json(wamid)}},"timestamp":"{{Timestamp(at ?? DateTimeOffset.UtcNow)}}","type":{{Json(type)}},{{Json(type)}}:{{part}}}
            """;
    }

    /// <summary>A text message.</summary>
    public static string Text(string wamid, string from, string body, DateTimeOffset? at = null) =>
        Message(wamid, from, "text", $$"""{"body":{{Json(body)}}}""", at);

    /// <summary>A status (<c>sent</c>, <c>delivered</c>, <c>read</c>) with Meta's conversation and pricing objects.</summary>
    public static string Status(string wamid, string status, string recipient, DateTimeOffset at, string? callbackData = null)
    {
        var callback = callbackData is null ? string.Empty : $",\"biz_opaque_callback_data\":{Json(callbackData)}";
        var billing = status == "read" ? string.Empty : """
            ,"conversation":{"id":"6ceb9d929c9ac9b5d7a7ad27d1b8ea2b","origin":{"type":"service"}},
            "pricing":{"billable":true,"pricing_model":"PMP","category":"service"}
            """;
        return $$"""
            {"id":{{Json(wamid)}},"status":"{{status}}","timestamp":"{{Timestamp(at)}}","recipient_id":{{Json(recipient)}}{{callback}}{{billing}}}
            """;
    }

    /// <summary>A failed status with one error as Meta reports it (code, title, message, error_data.details, href).</summary>
    public static string FailedStatus(string wamid, string recipient, DateTimeOffset at, int code, string title, string details, string? callbackData = null)
    {
        var callback = callbackData is null ? string.Empty : $",\"biz_opaque_callback_data\":{Json(callbackData)}";
        return $$"""
            {"id":{{Json(wamid)}},"status":"failed","timestamp":"{{Timestamp(at)}}","recipient_id":{{Json(recipient)}}{{callback}},
             "errors":[{"code":{{code}},"title":{{Json(title)}},"message":{{Json(title)}},"error_data":{"details":{{Json(details)}}},
             "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}
            """;
    }

    /// <summary>The first change of a body, parsed as the webhook endpoint parses it.</summary>
    public static WhatsAppChange Parse(string body) =>
        WebhookPayload.Parse(System.Text.Encoding.UTF8.GetBytes(body)).Single();

    private static string Envelope(string value) => $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"{{BusinessAccountId}}","changes":[{"value":{
          "messaging_product":"whatsapp","metadata":{"display_phone_number":"{{DisplayPhoneNumber}}","phone_number_id":"{{PhoneNumberId}}"},
          {{value}}},"field":"messages"}]}]}
        """;

    private static string Json(string value) => JsonSerializer.Serialize(value);
}
