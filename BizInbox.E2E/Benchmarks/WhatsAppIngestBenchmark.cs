using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using BizInbox.E2E.Support;
using BizInbox.Web.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BizInbox.E2E.Benchmarks;

/// <summary>
/// Signed WhatsApp webhooks against the real app on Kestrel and SQLite: sustained messages per second and the
/// acknowledgement latency. Reports figures, asserts none:
/// <c>dotnet test BizInbox.E2E -c Release --filter "FullyQualifiedName~WhatsAppIngestBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class WhatsAppIngestBenchmark(ITestOutputHelper output)
{
    private const int Messages = 3000;
    private const int Customers = 300;
    private const int Concurrency = 64;

    [Fact]
    public async Task Webhooks_AreAcknowledgedQuickly_AndStoredOnce()
    {
        using var app = new AppServer();
        var owner = await app.CompleteSetupAsync("olga@example.com");
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "bench"));
        await app.Services.GetRequiredService<WhatsAppConnections>().ConnectAsync(actor, "WhatsApp",
            new WhatsAppSettingsInput("106540352242922", "102290129340398", "+49 40 1234567", "token", "secret", "verify", null, null));
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var latencies = new double[Messages];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Messages)
            {
                var from = (4917600000000 + (i % Customers)).ToString(CultureInfo.InvariantCulture);
                var body = Encoding.UTF8.GetBytes($$$"""
                    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                      "metadata":{"display_phone_number":"49401234567","phone_number_id":"106540352242922"},
                      "contacts":[{"profile":{"name":"Kunde {{{i % Customers}}}"},"wa_id":"{{{from}}}"}],
                      "messages":[{"from":"{{{from}}}","id":"wamid.bench{{{i}}}","timestamp":"1749416383","type":"text","text":{"body":"Nachricht {{{i}}}"}}]}}]}]}
                    """);
                using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
                request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, "secret"));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            }
        }));
        clock.Stop();

        var stored = (await app.MessagesOfContactAsync("Kunde 0")).Count;
        Array.Sort(latencies);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"WhatsApp ingest, {Messages} webhooks from {Customers} customers, {Concurrency} at a time: {Messages / clock.Elapsed.TotalSeconds:F0} messages/s, ack p50 {latencies[Messages / 2]:F1} ms, p99 {latencies[(int)(Messages * 0.99)]:F1} ms; customer 0 has {stored} of {Messages / Customers} messages");
        output.WriteLine(report);
        stored.ShouldBe(Messages / Customers);
    }
}
