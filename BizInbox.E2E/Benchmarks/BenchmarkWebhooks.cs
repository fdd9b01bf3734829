using BizInbox.Web.Identity;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BizInbox.E2E.Support;
using BizInbox.Tests.Support;
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
        await ConnectAsync(app, app.MemberFor(owner.Id));
    }

    /// <summary>
    /// Connects the benchmarks' WhatsApp number to <paramref name="app"/>, set up already, as <paramref name="owner"/>; its
    /// sends and read receipts go to <paramref name="graph"/> when given (otherwise to Meta's address, which fails here).
    /// </summary>
    public static Task ConnectAsync(AppServer app, CurrentMember owner, FakeGraphApi? graph = null) =>
        app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(owner, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", graph?.AccessToken ?? "token", Secret, "verify",
                graph?.Version, graph?.BaseUrl));

    /// <summary>
    /// Open loop, as Meta sends: webhook n leaves at n / <paramref name="perSecond"/> s whether or not earlier ones were
    /// answered, and its acknowledgement is timed from when it was due (so a stall delays every later one and shows).
    /// Stops after <paramref name="count"/> webhooks or when <paramref name="stop"/> is signalled, and returns how many left.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, int Sent)> OpenLoopAsync(
        HttpClient http, Func<int, HttpRequestMessage> webhook, int count, int perSecond, double[] latencies, CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(count);
        var n = 0;
        for (; n < count && !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / perSecond);
            // Read the clock once: read twice, it can pass the due time in between and make a negative delay.
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, CancellationToken.None);
            }

            var index = n;
            pending.Add(Task.Run(async () =>
            {
                using var request = webhook(index);
                using var response = await http.SendAsync(request);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            }, CancellationToken.None));
        }

        await Task.WhenAll(pending);
        clock.Stop();
        return (clock.Elapsed, n);
    }

    /// <summary>
    /// Text message number <paramref name="i"/> (id "wamid.{prefix}{i}") from customer "Kunde {i % customers}", saying
    /// <paramref name="text"/> ("Nachricht {i}" unless given).
    /// </summary>
    public static HttpRequestMessage Text(string prefix, int i, int customers, string? text = null)
    {
        var from = (4917600000000 + (i % customers)).ToString(CultureInfo.InvariantCulture);
        var messageText = text ?? $"Nachricht {i}";
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Kunde {{{i % customers}}}"},"wa_id":"{{{from}}}"}],
              "messages":[{"from":"{{{from}}}","id":"wamid.{{{prefix}}}{{{i}}}","timestamp":"1749416383","type":"text","text":{"body":"{{{messageText}}}"}}]}}]}]}
            """);
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, Secret));
        return request;
    }
}
